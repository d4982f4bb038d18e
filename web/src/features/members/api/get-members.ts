import type { InferResponseType } from 'hono/client';
import { client, seg, unwrap, withSignal } from '@/lib/api-client';
import { pagedQueryOptions, usePagedList } from '@/lib/paged-query';

const members = client.api.v1.w[':workspace'].members;

export type MemberPage = InferResponseType<typeof members.$get, 200>;
export type Member = MemberPage['items'][number];

export const MEMBERS_PAGE_SIZE = 50;

export const membersKey = (slug: string) => ['workspaces', slug, 'members'] as const;

export const getMembers = (slug: string, cursor: string | null, { signal }: { signal?: AbortSignal } = {}) =>
  unwrap(
    members.$get(
      { param: { workspace: seg(slug) }, query: { limit: String(MEMBERS_PAGE_SIZE), ...(cursor ? { cursor } : {}) } },
      withSignal(signal),
    ),
  );

/** The workspace's members by name, a page at a time; the pages loaded so far are shared by every screen that shows them. */
export const getMembersQueryOptions = (slug: string) =>
  pagedQueryOptions(membersKey(slug), (cursor, signal) => getMembers(slug, cursor, { signal }));

export const useMembers = (slug: string, { enabled = true }: { enabled?: boolean } = {}) =>
  usePagedList(getMembersQueryOptions(slug), { enabled });
