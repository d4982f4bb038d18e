import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { client, seg, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';
import { identitiesKey } from './get-identities';

export const unlinkIdentity = ({ identityId }: { identityId: string }) =>
  unwrap(client.api.v1.me.identities[':id'].$delete({ param: { id: seg(identityId) }, query: {} }));

export const unlinkIdentityMutationOptions = () =>
  mutationOptions({ mutationKey: ['identities', 'unlink'], meta: inlineErrors, mutationFn: unlinkIdentity });

export function useUnlinkIdentity() {
  const queryClient = useQueryClient();
  return useMutation({
    ...unlinkIdentityMutationOptions(),
    onSettled: () => queryClient.invalidateQueries({ queryKey: identitiesKey }),
  });
}
