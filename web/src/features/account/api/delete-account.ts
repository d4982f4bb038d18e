import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { client, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

export const deleteAccount = ({ password }: { password: string }) =>
  unwrap(client.api.v1.me.$delete({ query: {}, json: { password } }));

export const deleteAccountMutationOptions = () =>
  mutationOptions({
    mutationKey: ['me', 'delete'],
    mutationFn: deleteAccount,
  });

export function useDeleteAccount({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...deleteAccountMutationOptions(),
    // The form shows the error: a wrong password, or the workspaces to hand over first.
    meta: inlineErrors,
    onSuccess: () => {
      // The session is gone with the account: forget everything cached for it (as log-out does).
      queryClient.removeQueries();
      onSuccess?.();
    },
  });
}
