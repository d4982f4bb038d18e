import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { client, seg, unwrap, withSignal } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

const teams = client.api.v1.w[':workspace'].teams;

export type TeamList = InferResponseType<typeof teams.$get, 200>;
export type TeamSummary = TeamList['items'][number];

export const teamsKey = (slug: string) => ['workspaces', slug, 'teams'] as const;

export const getTeams = (slug: string, { signal }: { signal?: AbortSignal } = {}) =>
  unwrap(teams.$get({ param: { workspace: seg(slug) }, query: {} }, withSignal(signal)));

export const getTeamsQueryOptions = (slug: string) =>
  queryOptions({ queryKey: teamsKey(slug), meta: inlineErrors, queryFn: ({ signal }) => getTeams(slug, { signal }) });

export const useTeams = (slug: string) => useQuery(getTeamsQueryOptions(slug));
