import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { client, seg, unwrap, withSignal } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

const members = client.api.v1.w[':workspace'].members;

export type MemberList = InferResponseType<typeof members.$get, 200>;
export type Member = MemberList['items'][number];

export const membersKey = (slug: string) => ['workspaces', slug, 'members'] as const;

export const getMembers = (slug: string, { signal }: { signal?: AbortSignal } = {}) =>
  unwrap(members.$get({ param: { workspace: seg(slug) }, query: {} }, withSignal(signal)));

export const getMembersQueryOptions = (slug: string) =>
  queryOptions({
    queryKey: membersKey(slug),
    meta: inlineErrors,
    queryFn: ({ signal }) => getMembers(slug, { signal }),
  });

export const useMembers = (slug: string, { enabled = true }: { enabled?: boolean } = {}) =>
  useQuery({ ...getMembersQueryOptions(slug), enabled });
