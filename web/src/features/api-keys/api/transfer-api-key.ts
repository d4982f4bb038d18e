import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { client, seg, unwrap } from '@/lib/api-client';
import { updateLoadedItems } from '@/lib/paged-query';
import { type ApiKey, apiKeysKey } from './get-api-keys';

export interface TransferApiKeyVariables {
  slug: string;
  keyId: string;
}

/** The signed-in owner takes the key over: it then acts for them. */
export const transferApiKey = ({ slug, keyId }: TransferApiKeyVariables) =>
  unwrap(
    client.api.v1.w[':workspace']['api-keys'][':id'].transfer.$post({
      param: { workspace: seg(slug), id: seg(keyId) },
      query: {},
    }),
  );

export const transferApiKeyMutationOptions = () =>
  mutationOptions({
    mutationKey: ['api-keys', 'transfer'],
    mutationFn: transferApiKey,
  });

export function useTransferApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    ...transferApiKeyMutationOptions(),
    onSuccess: async (moved, { slug }) => {
      updateLoadedItems<ApiKey>(queryClient, apiKeysKey(slug), (items) => items.map((key) => (key.id === moved.id ? moved : key)));
      await queryClient.invalidateQueries({ queryKey: apiKeysKey(slug) });
    },
  });
}
