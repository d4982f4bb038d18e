import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { client, seg, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';
import { apiKeysKey } from './get-api-keys';

const apiKeys = client.api.v1.w[':workspace']['api-keys'];

export type CreateApiKeyInput = InferRequestType<typeof apiKeys.$post>['json'];
/** The new key with its full secret, which the API returns in this response only. */
export type CreatedApiKey = InferResponseType<typeof apiKeys.$post, 201>;

export interface CreateApiKeyVariables {
  slug: string;
  input: CreateApiKeyInput;
}

export const createApiKey = ({ slug, input }: CreateApiKeyVariables) =>
  unwrap(apiKeys.$post({ param: { workspace: seg(slug) }, query: {}, json: input }));

export const createApiKeyMutationOptions = () =>
  mutationOptions({
    mutationKey: ['api-keys', 'create'],
    mutationFn: createApiKey,
  });

export function useCreateApiKey({ onSuccess }: { onSuccess?: (key: CreatedApiKey) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...createApiKeyMutationOptions(),
    // The form shows the error and its request id.
    meta: inlineErrors,
    onSuccess: async (created, { slug }) => {
      onSuccess?.(created);
      await queryClient.invalidateQueries({ queryKey: apiKeysKey(slug) });
    },
  });
}
