import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, isApiError } from '@/lib/api-client';
import type { MeResponse } from '@/types/api';

export const meQueryKey = ['me'] as const;

/** The signed-in user and their workspaces, or `null` when there is no session. */
export async function getMe({ signal }: { signal?: AbortSignal } = {}): Promise<MeResponse | null> {
  try {
    return await api.get<MeResponse>('/me', { signal });
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
