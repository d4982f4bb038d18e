import type { QueryClient } from '@tanstack/react-query';

/**
 * The one thing a hub message may do to the cache: mark queries stale, so they refetch through the
 * API under the person's own permissions. A message is never written into the cache
 * (docs/decisions/049-workspace-realtime-hub.md). Every workspace query key starts with
 * `['workspaces', slug, <resource>]`; an event's kind names its resource (`project.created` →
 * `projects`). A kind with no known resource, and a change of the person's access, refetch the whole
 * workspace.
 */
const resourceOfKind: Record<string, string> = {
  project: 'projects',
  members: 'members',
  member: 'members',
  webhook: 'webhooks',
  file: 'files',
  team: 'teams',
  invite: 'invites',
  notification: 'notifications',
};

export function invalidateFor(queryClient: QueryClient, slug: string, kind: string): Promise<void> {
  if (kind === 'access.changed') {
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: ['me'] }),
      queryClient.invalidateQueries({ queryKey: ['workspaces', slug] }),
    ]).then(() => undefined);
  }
  const resource = resourceOfKind[kind.split('.')[0] ?? ''];
  return queryClient.invalidateQueries({ queryKey: resource ? ['workspaces', slug, resource] : ['workspaces', slug] });
}

/** After a reconnect anything may have changed while the socket was down: everything refetches. */
export const invalidateEverything = (queryClient: QueryClient) => queryClient.invalidateQueries();
