import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { client, seg, unwrap, withSignal } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

const invites = client.api.v1.w[':workspace'].invites;

export type InviteList = InferResponseType<typeof invites.$get, 200>;
export type Invite = InviteList['items'][number];

export const invitesKey = (slug: string) => ['workspaces', slug, 'invites'] as const;

export const getInvites = (slug: string, { signal }: { signal?: AbortSignal } = {}) =>
  unwrap(invites.$get({ param: { workspace: seg(slug) }, query: {} }, withSignal(signal)));

export const getInvitesQueryOptions = (slug: string) =>
  queryOptions({
    queryKey: invitesKey(slug),
    meta: inlineErrors,
    queryFn: ({ signal }) => getInvites(slug, { signal }),
  });

export const useInvites = (slug: string) => useQuery(getInvitesQueryOptions(slug));
