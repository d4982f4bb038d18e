import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { meQueryKey } from '@/features/auth/api/get-me';
import { client, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

export type EmailChangeInput = InferRequestType<typeof client.api.v1.me.email.$post>['json'];

export const requestEmailChange = (input: EmailChangeInput) => unwrap(client.api.v1.me.email.$post({ query: {}, json: input }));
export const confirmEmailChange = (token: string) =>
  unwrap(client.api.v1.auth['email-change'].confirm.$post({ query: {}, json: { token } }));

/** Forms show their own errors (with the request id), so these mutations do not toast. */
export const useRequestEmailChange = () =>
  useMutation({ mutationKey: ['me', 'email'], mutationFn: requestEmailChange, meta: inlineErrors });

export function useConfirmEmailChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['auth', 'email-change', 'confirm'],
    mutationFn: confirmEmailChange,
    meta: inlineErrors,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}
