import type { InferResponseType } from 'hono/client';
import { client, seg, unwrap, withSignal } from '@/lib/api-client';
import { pagedQueryOptions, usePagedList } from '@/lib/paged-query';

const invites = client.api.v1.w[':workspace'].invites;

export type Invite = InferResponseType<typeof invites.$get, 200>['items'][number];

export const invitesKey = (slug: string) => ['workspaces', slug, 'invites'] as const;

export const getInvites = (slug: string, cursor: string | null, { signal }: { signal?: AbortSignal } = {}) =>
  unwrap(invites.$get({ param: { workspace: seg(slug) }, query: { limit: '50', ...(cursor ? { cursor } : {}) } }, withSignal(signal)));

export const useInvites = (slug: string) =>
  usePagedList(pagedQueryOptions(invitesKey(slug), (cursor, signal) => getInvites(slug, cursor, { signal })));
