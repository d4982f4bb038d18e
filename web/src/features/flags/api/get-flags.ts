import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, seg, unwrap, withSignal } from '@/lib/api-client';

const flags = client.api.v1.w[':workspace'].flags;

export const getFlags = (slug: string, { signal }: { signal?: AbortSignal } = {}) =>
  unwrap(flags.$get({ param: { workspace: seg(slug) }, query: {} }, withSignal(signal)));

export const getFlagsQueryOptions = (slug: string) =>
  queryOptions({
    queryKey: ['workspaces', slug, 'flags'] as const,
    queryFn: ({ signal }) => getFlags(slug, { signal }),
    // The operator changes flags rarely: the open app asks again once its answer is five minutes old.
    staleTime: 5 * 60_000,
  });

/**
 * Whether the feature flag `name` is on for the signed-in person in the workspace. False until the
 * answer is known, so that a feature that is off never shows for a moment; the API refuses a feature
 * whose flag is off (`FEATURE_DISABLED`) whatever the page shows.
 */
export function useFlag(slug: string, name: string): boolean {
  const { data } = useQuery(getFlagsQueryOptions(slug));
  return data?.flags[name] ?? false;
}
