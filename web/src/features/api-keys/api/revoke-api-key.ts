import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '@/lib/api-client';
import type { ApiKeyList } from '@/types/api';
import { apiKeysKey } from './get-api-keys';

export interface RevokeApiKeyVariables {
  slug: string;
  keyId: string;
}

export const revokeApiKey = ({ slug, keyId }: RevokeApiKeyVariables) =>
  api.delete(`/w/${seg(slug)}/api-keys/${seg(keyId)}`);

export const revokeApiKeyMutationOptions = () =>
  mutationOptions({
    mutationKey: ['api-keys', 'revoke'],
    mutationFn: revokeApiKey,
  });

export function useRevokeApiKey({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...revokeApiKeyMutationOptions(),
    onSuccess: async (_data, { slug, keyId }) => {
      queryClient.setQueryData<ApiKeyList>(apiKeysKey(slug), (list) =>
        list ? { items: list.items.filter((key) => key.id !== keyId) } : list,
      );
      onSuccess?.();
      await queryClient.invalidateQueries({ queryKey: apiKeysKey(slug) });
    },
  });
}
