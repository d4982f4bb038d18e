import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { client, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

/** The password, and, when an authenticator app is on, a code from it or a backup code. */
export interface DeleteAccountVariables {
  password: string;
  code?: string;
  backup_code?: string;
}

export const deleteAccount = (json: DeleteAccountVariables) => unwrap(client.api.v1.me.$delete({ query: {}, json }));

export const deleteAccountMutationOptions = () =>
  mutationOptions({
    mutationKey: ['me', 'delete'],
    mutationFn: deleteAccount,
  });

export function useDeleteAccount({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...deleteAccountMutationOptions(),
    // The form shows the error: a wrong password or code, or the workspaces to hand over first.
    meta: inlineErrors,
    onSuccess: () => {
      // The session is gone with the account: forget everything cached for it (as log-out does).
      queryClient.removeQueries();
      onSuccess?.();
    },
  });
}
