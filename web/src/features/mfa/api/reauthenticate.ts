import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { client, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';
import { mfaStatusKey } from './get-mfa-status';

export const reauthenticate = (password: string) => unwrap(client.api.v1.me.reauthenticate.$post({ query: {}, json: { password } }));

export const reauthenticateMutationOptions = () => mutationOptions({ mutationKey: ['me', 'reauthenticate'], mutationFn: reauthenticate });

export function useReauthenticate() {
  const queryClient = useQueryClient();
  return useMutation({
    ...reauthenticateMutationOptions(),
    meta: inlineErrors,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mfaStatusKey }),
  });
}
