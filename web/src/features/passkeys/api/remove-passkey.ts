import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { client, seg, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';
import { refreshIfReauthenticationNeeded } from '@/features/mfa/api/get-mfa-status';
import { type PasskeyList, passkeysKey } from './get-passkeys';

export const removePasskey = ({ passkeyId }: { passkeyId: string }) =>
  unwrap(client.api.v1.me.passkeys[':id'].$delete({ param: { id: seg(passkeyId) }, query: {} }));

export const removePasskeyMutationOptions = () => mutationOptions({ mutationKey: ['passkeys', 'remove'], mutationFn: removePasskey });

export function useRemovePasskey() {
  const queryClient = useQueryClient();
  return useMutation({
    ...removePasskeyMutationOptions(),
    meta: inlineErrors,
    onError: (error: Error) => refreshIfReauthenticationNeeded(queryClient, error),
    onSuccess: async (_data, { passkeyId }) => {
      queryClient.setQueryData<PasskeyList>(passkeysKey, (list) => (list ? { items: list.items.filter((p) => p.id !== passkeyId) } : list));
      await queryClient.invalidateQueries({ queryKey: passkeysKey });
    },
  });
}
