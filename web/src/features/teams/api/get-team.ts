import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { client, seg, unwrap, withSignal } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';
import { teamsKey } from './get-teams';

const team = client.api.v1.w[':workspace'].teams[':id'];

export type Team = InferResponseType<typeof team.$get, 200>;

export const teamKey = (slug: string, teamId: string) => [...teamsKey(slug), teamId] as const;

export const getTeam = (slug: string, teamId: string, { signal }: { signal?: AbortSignal } = {}) =>
  unwrap(team.$get({ param: { workspace: seg(slug), id: seg(teamId) }, query: {} }, withSignal(signal)));

export const getTeamQueryOptions = (slug: string, teamId: string) =>
  queryOptions({
    queryKey: teamKey(slug, teamId),
    meta: inlineErrors,
    queryFn: ({ signal }) => getTeam(slug, teamId, { signal }),
  });

export const useTeam = (slug: string, teamId: string) => useQuery(getTeamQueryOptions(slug, teamId));
