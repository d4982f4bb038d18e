import type { DefaultOptions } from '@tanstack/react-query';
import { isApiError } from './api-client';

/** Retry only what a retry can fix: no response at all, or a server-side failure. */
export function isRetryable(error: unknown): boolean {
  return isApiError(error) && (error.status === 0 || error.status >= 500);
}

export const queryConfig = {
  queries: {
    staleTime: 30_000,
    refetchOnWindowFocus: false,
    retry: (failureCount, error) => failureCount < 2 && isRetryable(error),
  },
  mutations: {
    retry: false,
  },
} satisfies DefaultOptions;
