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

/**
 * Where a failure is shown. Every failed call is shown once, with its request id: in a toast by
 * default, or by the screen itself (a form's error banner, a list's error state) when `inline`.
 */
export type ErrorDisplay = 'toast' | 'inline';

type ErrorDisplayMeta = { errorDisplay?: ErrorDisplay };

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: ErrorDisplayMeta;
    mutationMeta: ErrorDisplayMeta;
  }
}

export const inlineErrors = { errorDisplay: 'inline' } satisfies ErrorDisplayMeta;
