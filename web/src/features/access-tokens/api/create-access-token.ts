import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { client, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';
import { accessTokensKey } from './get-access-tokens';

const tokens = client.api.v1.me.tokens;

export type CreateAccessTokenInput = InferRequestType<typeof tokens.$post>['json'];
/** The new token with its full secret, which the API returns in this response only. */
export type CreatedAccessToken = InferResponseType<typeof tokens.$post, 201>;

export const createAccessToken = (input: CreateAccessTokenInput) => unwrap(tokens.$post({ query: {}, json: input }));

export const createAccessTokenMutationOptions = () =>
  mutationOptions({
    mutationKey: ['tokens', 'create'],
    mutationFn: createAccessToken,
  });

export function useCreateAccessToken({ onSuccess }: { onSuccess?: (token: CreatedAccessToken) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...createAccessTokenMutationOptions(),
    // The form shows the error and its request id.
    meta: inlineErrors,
    onSuccess: async (created) => {
      onSuccess?.(created);
      await queryClient.invalidateQueries({ queryKey: accessTokensKey });
    },
  });
}
