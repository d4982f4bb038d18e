import { type PublicKeyCredentialCreationOptionsJSON, startRegistration } from '@simplewebauthn/browser';
import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { client, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';
import { refreshIfReauthenticationNeeded } from '@/features/mfa/api/get-mfa-status';
import { passkeysKey } from './get-passkeys';

/** Asks the server for options, lets the browser create the credential, and registers it. */
export async function addPasskey(name: string) {
  const options = await unwrap(client.api.v1.me.passkeys.options.$post({ query: {} }));
  const response = await startRegistration({ optionsJSON: options as unknown as PublicKeyCredentialCreationOptionsJSON });
  return unwrap(client.api.v1.me.passkeys.$post({ query: {}, json: { name, response } }));
}

export const addPasskeyMutationOptions = () => mutationOptions({ mutationKey: ['passkeys', 'add'], mutationFn: addPasskey });

export function useAddPasskey({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...addPasskeyMutationOptions(),
    meta: inlineErrors,
    onError: (error: Error) => refreshIfReauthenticationNeeded(queryClient, error),
    onSuccess: async () => {
      onSuccess?.();
      await queryClient.invalidateQueries({ queryKey: passkeysKey });
    },
  });
}
