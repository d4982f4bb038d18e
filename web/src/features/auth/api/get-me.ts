import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { client, isApiError, unwrap, withSignal } from '@/lib/api-client';

const me = client.api.v1.me;

export type MeResponse = InferResponseType<typeof me.$get, 200>;
export type User = MeResponse['user'];
export type Membership = MeResponse['memberships'][number];

export const meQueryKey = ['me'] as const;

/** The signed-in user and their workspaces, or `null` when there is no session. */
export async function getMe({ signal }: { signal?: AbortSignal } = {}): Promise<MeResponse | null> {
  try {
    return await unwrap(me.$get({ query: {} }, withSignal(signal)));
  } catch (error) {
    // Being logged out is a state, not a failure: no error toast for it.
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export const getMeQueryOptions = () =>
  queryOptions({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => getMe({ signal }),
  });

export const useMe = () => useQuery(getMeQueryOptions());
