import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { client, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

const signup = client.api.v1.auth.signup;

export type SignupInput = InferRequestType<typeof signup.$post>['json'];
export type SignupResponse = InferResponseType<typeof signup.$post, 201>;

export const signupUser = (input: SignupInput) => unwrap(signup.$post({ query: {}, json: input }));

export const signupUserMutationOptions = () =>
  mutationOptions({
    mutationKey: ['auth', 'signup'],
    mutationFn: signupUser,
  });

export function useSignupUser({ onSuccess }: { onSuccess?: (data: SignupResponse) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...signupUserMutationOptions(),
    // The form shows the error and its request id.
    meta: inlineErrors,
    onSuccess: (data) => {
      // Anything cached belonged to the previous session.
      queryClient.removeQueries();
      onSuccess?.(data);
    },
  });
}
