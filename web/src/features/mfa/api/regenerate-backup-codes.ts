import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { client, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';
import type { InferResponseType } from 'hono/client';
import { mfaStatusKey, refreshIfReauthenticationNeeded } from './get-mfa-status';

const backupCodes = client.api.v1.me.mfa['backup-codes'];

export type NewBackupCodes = InferResponseType<typeof backupCodes.$post, 200>;

export const regenerateBackupCodes = () => unwrap(backupCodes.$post({ query: {} }));

export const regenerateBackupCodesMutationOptions = () =>
  mutationOptions({ mutationKey: ['mfa', 'backup-codes', 'regenerate'], mutationFn: regenerateBackupCodes });

export function useRegenerateBackupCodes({ onSuccess }: { onSuccess?: (codes: NewBackupCodes) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...regenerateBackupCodesMutationOptions(),
    meta: inlineErrors,
    onError: (error: Error) => refreshIfReauthenticationNeeded(queryClient, error),
    onSuccess: async (codes) => {
      onSuccess?.(codes);
      await queryClient.invalidateQueries({ queryKey: mfaStatusKey });
    },
  });
}
