import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { client, seg, unwrap } from '@/lib/api-client';
import { type ApiKeyList, apiKeysKey } from './get-api-keys';

export interface RevokeApiKeyVariables {
  slug: string;
  keyId: string;
}

export const revokeApiKey = ({ slug, keyId }: RevokeApiKeyVariables) =>
  unwrap(
    client.api.v1.w[':workspace']['api-keys'][':id'].$delete({
      param: { workspace: seg(slug), id: seg(keyId) },
      query: {},
    }),
  );

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
