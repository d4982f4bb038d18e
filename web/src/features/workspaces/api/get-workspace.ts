import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { client, seg, unwrap, withSignal } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

const workspace = client.api.v1.w[':workspace'];

export type WorkspaceSettings = InferResponseType<typeof workspace.$get, 200>;

export const workspaceKey = (slug: string) => ['workspaces', slug, 'settings'] as const;

export const getWorkspace = (slug: string, { signal }: { signal?: AbortSignal } = {}) =>
  unwrap(workspace.$get({ param: { workspace: seg(slug) }, query: {} }, withSignal(signal)));

export const getWorkspaceQueryOptions = (slug: string) =>
  queryOptions({
    queryKey: workspaceKey(slug),
    // The layout shows a deleted workspace or a load failure itself.
    meta: inlineErrors,
    queryFn: ({ signal }) => getWorkspace(slug, { signal }),
  });

export const useWorkspaceSettings = (slug: string) => useQuery(getWorkspaceQueryOptions(slug));
