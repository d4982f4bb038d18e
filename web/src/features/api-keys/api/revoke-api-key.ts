import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { client, seg, unwrap } from '@/lib/api-client';
import { updateLoadedItems } from '@/lib/paged-query';
import { type ApiKey, apiKeysKey } from './get-api-keys';

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
      updateLoadedItems<ApiKey>(queryClient, apiKeysKey(slug), (items) => items.filter((key) => key.id !== keyId));
      onSuccess?.();
      await queryClient.invalidateQueries({ queryKey: apiKeysKey(slug) });
    },
  });
}
