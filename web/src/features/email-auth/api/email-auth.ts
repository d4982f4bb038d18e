import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { client, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';
import { meQueryKey } from '@/features/auth/api/get-me';

const auth = client.api.v1.auth;

export type ResetCompleteInput = InferRequestType<(typeof auth)['password-reset']['complete']['$post']>['json'];
export type PasswordChangeInput = InferRequestType<typeof client.api.v1.me.password.$post>['json'];

export const resendVerification = (email: string) => unwrap(auth['verify-email'].resend.$post({ query: {}, json: { email } }));
export const verifyEmail = (token: string) => unwrap(auth['verify-email'].$post({ query: {}, json: { token } }));
export const requestPasswordReset = (email: string) => unwrap(auth['password-reset'].request.$post({ query: {}, json: { email } }));
export const completePasswordReset = (input: ResetCompleteInput) =>
  unwrap(auth['password-reset'].complete.$post({ query: {}, json: input }));
export const requestMagicLink = (email: string) => unwrap(auth['magic-link'].request.$post({ query: {}, json: { email } }));
export const confirmMagicLink = (token: string) => unwrap(auth['magic-link'].confirm.$post({ query: {}, json: { token } }));
export const changePassword = (input: PasswordChangeInput) => unwrap(client.api.v1.me.password.$post({ query: {}, json: input }));

/** Forms show their own errors (with the request id), so these mutations do not toast. */
export const useResendVerification = () =>
  useMutation({ mutationKey: ['auth', 'verify-email', 'resend'], mutationFn: resendVerification, meta: inlineErrors });

export function useVerifyEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['auth', 'verify-email'],
    mutationFn: verifyEmail,
    meta: inlineErrors,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}

export const useRequestPasswordReset = () =>
  useMutation({ mutationKey: ['auth', 'password-reset', 'request'], mutationFn: requestPasswordReset, meta: inlineErrors });
export const useCompletePasswordReset = () =>
  useMutation({ mutationKey: ['auth', 'password-reset', 'complete'], mutationFn: completePasswordReset, meta: inlineErrors });
export const useRequestMagicLink = () =>
  useMutation({ mutationKey: ['auth', 'magic-link', 'request'], mutationFn: requestMagicLink, meta: inlineErrors });

export function useConfirmMagicLink({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['auth', 'magic-link', 'confirm'],
    mutationFn: confirmMagicLink,
    meta: inlineErrors,
    onSuccess: () => {
      // Anything cached belonged to the previous session.
      queryClient.removeQueries();
      onSuccess?.();
    },
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['me', 'password'],
    mutationFn: changePassword,
    meta: inlineErrors,
    // Every other session, app sign-in and personal access token has just ended.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['me', 'sessions'] }),
        queryClient.invalidateQueries({ queryKey: ['me', 'tokens'] }),
      ]),
  });
}

/**
 * The token of a mailed link. Links carry it in the fragment, which no server and no Referer ever
 * sees; `?token=` is accepted too. `hideLinkToken` then takes it out of the address bar.
 */
export function readLinkToken(): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  const fromQuery = new URLSearchParams(window.location.search).get('token');
  return fromHash ?? fromQuery ?? '';
}

export function hideLinkToken(): void {
  if (window.location.hash || window.location.search) window.history.replaceState(null, '', window.location.pathname);
}
