import { type PublicKeyCredentialRequestOptionsJSON, startAuthentication } from '@simplewebauthn/browser';
import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { client, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

/** The browser picks one of the person's passkeys for this site; the server checks its signature. */
export async function signInWithPasskey() {
  const options = await unwrap(client.api.v1.auth.passkey.options.$post({ query: {} }));
  const response = await startAuthentication({ optionsJSON: options as unknown as PublicKeyCredentialRequestOptionsJSON });
  return unwrap(client.api.v1.auth.passkey.verify.$post({ query: {}, json: { response } }));
}

export const signInWithPasskeyMutationOptions = () => mutationOptions({ mutationKey: ['auth', 'passkey'], mutationFn: signInWithPasskey });

export function useSignInWithPasskey({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...signInWithPasskeyMutationOptions(),
    meta: inlineErrors,
    onSuccess: () => {
      queryClient.removeQueries();
      onSuccess?.();
    },
  });
}
