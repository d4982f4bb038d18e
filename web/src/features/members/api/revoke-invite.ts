import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { client, seg, unwrap } from '@/lib/api-client';
import { type InviteList, invitesKey } from './get-invites';
import type { InviteVariables } from './resend-invite';

export const revokeInvite = ({ slug, inviteId }: InviteVariables) =>
  unwrap(client.api.v1.w[':workspace'].invites[':id'].$delete({ param: { workspace: seg(slug), id: seg(inviteId) }, query: {} }));

export const revokeInviteMutationOptions = () => mutationOptions({ mutationKey: ['invites', 'revoke'], mutationFn: revokeInvite });

export function useRevokeInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    ...revokeInviteMutationOptions(),
    onSuccess: async (_data, { slug, inviteId }) => {
      queryClient.setQueryData<InviteList>(invitesKey(slug), (list) =>
        list ? { items: list.items.filter((i) => i.id !== inviteId) } : list,
      );
      await queryClient.invalidateQueries({ queryKey: invitesKey(slug) });
    },
  });
}
