import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { client, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';
import type { BackupCodes } from './enrol-totp';
import { mfaStatusKey, refreshIfReauthenticationNeeded } from './get-mfa-status';

export const regenerateBackupCodes = () => unwrap(client.api.v1.me.mfa['backup-codes'].$post({ query: {} }));

export const regenerateBackupCodesMutationOptions = () =>
  mutationOptions({ mutationKey: ['mfa', 'backup-codes', 'regenerate'], mutationFn: regenerateBackupCodes });

export function useRegenerateBackupCodes({ onSuccess }: { onSuccess?: (codes: BackupCodes) => void } = {}) {
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
