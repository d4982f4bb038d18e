import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { client, seg, unwrap } from '@/lib/api-client';
import { updateLoadedItems } from '@/lib/paged-query';
import { type AccessToken, accessTokensKey } from './get-access-tokens';

export interface RevokeAccessTokenVariables {
  tokenId: string;
}

export const revokeAccessToken = ({ tokenId }: RevokeAccessTokenVariables) =>
  unwrap(client.api.v1.me.tokens[':id'].$delete({ param: { id: seg(tokenId) }, query: {} }));

export const revokeAccessTokenMutationOptions = () =>
  mutationOptions({
    mutationKey: ['tokens', 'revoke'],
    mutationFn: revokeAccessToken,
  });

export function useRevokeAccessToken() {
  const queryClient = useQueryClient();
  return useMutation({
    ...revokeAccessTokenMutationOptions(),
    onSuccess: async (_data, { tokenId }) => {
      updateLoadedItems<AccessToken>(queryClient, accessTokensKey, (items) => items.filter((t) => t.id !== tokenId));
      await queryClient.invalidateQueries({ queryKey: accessTokensKey });
    },
  });
}
