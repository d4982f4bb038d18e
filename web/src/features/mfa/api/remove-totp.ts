import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { client, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';
import { mfaStatusKey, refreshIfReauthenticationNeeded } from './get-mfa-status';

export const removeTotp = () => unwrap(client.api.v1.me.mfa.totp.$delete({ query: {} }));

export const removeTotpMutationOptions = () => mutationOptions({ mutationKey: ['mfa', 'totp', 'remove'], mutationFn: removeTotp });

export function useRemoveTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    ...removeTotpMutationOptions(),
    meta: inlineErrors,
    onError: (error: Error) => refreshIfReauthenticationNeeded(queryClient, error),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: mfaStatusKey });
      await queryClient.invalidateQueries({ queryKey: ['me', 'sessions'] });
    },
  });
}
