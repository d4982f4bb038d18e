import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { client, seg, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';
import { passkeysKey } from './get-passkeys';

export interface RenamePasskeyVariables {
  passkeyId: string;
  name: string;
}

export const renamePasskey = ({ passkeyId, name }: RenamePasskeyVariables) =>
  unwrap(client.api.v1.me.passkeys[':id'].$patch({ param: { id: seg(passkeyId) }, query: {}, json: { name } }));

export const renamePasskeyMutationOptions = () => mutationOptions({ mutationKey: ['passkeys', 'rename'], mutationFn: renamePasskey });

export function useRenamePasskey({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...renamePasskeyMutationOptions(),
    meta: inlineErrors,
    onSuccess: async () => {
      onSuccess?.();
      await queryClient.invalidateQueries({ queryKey: passkeysKey });
    },
  });
}
