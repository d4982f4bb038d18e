import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { client, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';
import { mfaStatusKey, refreshIfReauthenticationNeeded } from './get-mfa-status';

const totp = client.api.v1.me.mfa.totp;

export type TotpEnrolment = InferResponseType<typeof totp.$post, 200>;
export type BackupCodes = InferResponseType<typeof totp.confirm.$post, 200>;

export const startTotpEnrolment = () => unwrap(totp.$post({ query: {} }));
export const confirmTotpEnrolment = (code: string) => unwrap(totp.confirm.$post({ query: {}, json: { code } }));

export const startTotpEnrolmentMutationOptions = () =>
  mutationOptions({ mutationKey: ['mfa', 'totp', 'start'], mutationFn: startTotpEnrolment });

export const confirmTotpEnrolmentMutationOptions = () =>
  mutationOptions({ mutationKey: ['mfa', 'totp', 'confirm'], mutationFn: confirmTotpEnrolment });

export function useStartTotpEnrolment({ onSuccess }: { onSuccess?: (enrolment: TotpEnrolment) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...startTotpEnrolmentMutationOptions(),
    meta: inlineErrors,
    onError: (error: Error) => refreshIfReauthenticationNeeded(queryClient, error),
    onSuccess,
  });
}

export function useConfirmTotpEnrolment({ onSuccess }: { onSuccess?: (codes: BackupCodes) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...confirmTotpEnrolmentMutationOptions(),
    meta: inlineErrors,
    onError: (error: Error) => refreshIfReauthenticationNeeded(queryClient, error),
    onSuccess: async (codes) => {
      onSuccess?.(codes);
      await queryClient.invalidateQueries({ queryKey: mfaStatusKey });
      // Every other session, app sign-in and personal access token has just ended.
      await queryClient.invalidateQueries({ queryKey: ['me', 'sessions'] });
      await queryClient.invalidateQueries({ queryKey: ['me', 'tokens'] });
    },
  });
}
