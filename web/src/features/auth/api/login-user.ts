import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { client, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

const login = client.api.v1.auth.login;

export type LoginInput = InferRequestType<typeof login.$post>['json'];
export type LoginResponse = InferResponseType<typeof login.$post, 200>;

export const loginUser = (input: LoginInput) => unwrap(login.$post({ query: {}, json: input }));

export const loginUserMutationOptions = () =>
  mutationOptions({
    mutationKey: ['auth', 'login'],
    mutationFn: loginUser,
  });

export function useLoginUser({ onSuccess }: { onSuccess?: (data: LoginResponse) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...loginUserMutationOptions(),
    // The form shows the error and its request id.
    meta: inlineErrors,
    onSuccess: (data) => {
      // Anything cached belonged to the previous session.
      queryClient.removeQueries();
      onSuccess?.(data);
    },
  });
}
