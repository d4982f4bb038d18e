import { type QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { client, isApiError, unwrap, withSignal } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

const mfa = client.api.v1.me.mfa;

export type MfaStatus = InferResponseType<typeof mfa.$get, 200>;

export const mfaStatusKey = ['me', 'mfa'] as const;

export const getMfaStatus = ({ signal }: { signal?: AbortSignal } = {}) => unwrap(mfa.$get({ query: {} }, withSignal(signal)));

export const getMfaStatusQueryOptions = () =>
  queryOptions({ queryKey: mfaStatusKey, meta: inlineErrors, queryFn: ({ signal }) => getMfaStatus({ signal }) });

export const useMfaStatus = () => useQuery(getMfaStatusQueryOptions());

/**
 * A change refused for want of a recent password confirmation: the status is read again, so the
 * security page shows the password form.
 */
export function refreshIfReauthenticationNeeded(queryClient: QueryClient, error: unknown) {
  if (isApiError(error) && error.code === 'REAUTHENTICATION_REQUIRED') {
    void queryClient.invalidateQueries({ queryKey: mfaStatusKey });
  }
}
