import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { inlineErrors } from '@/lib/react-query';
import { api, seg } from '@/lib/api-client';
import type { CreateApiKeyInput, CreatedApiKey } from '@/types/api';
import { apiKeysKey } from './get-api-keys';

export interface CreateApiKeyVariables {
  slug: string;
  input: CreateApiKeyInput;
}

export const createApiKey = ({ slug, input }: CreateApiKeyVariables) =>
  api.post<CreatedApiKey>(`/w/${seg(slug)}/api-keys`, input);

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
