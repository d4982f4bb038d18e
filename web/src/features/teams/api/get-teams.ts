import type { InferResponseType } from 'hono/client';
import { client, seg, unwrap, withSignal } from '@/lib/api-client';
import { pagedQueryOptions, usePagedList } from '@/lib/paged-query';

const teams = client.api.v1.w[':workspace'].teams;

export type TeamSummary = InferResponseType<typeof teams.$get, 200>['items'][number];

export const teamsKey = (slug: string) => ['workspaces', slug, 'teams'] as const;

export const getTeams = (slug: string, cursor: string | null, { signal }: { signal?: AbortSignal } = {}) =>
  unwrap(teams.$get({ param: { workspace: seg(slug) }, query: { limit: '50', ...(cursor ? { cursor } : {}) } }, withSignal(signal)));

export const useTeams = (slug: string) =>
  usePagedList(pagedQueryOptions(teamsKey(slug), (cursor, signal) => getTeams(slug, cursor, { signal })));
