import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { client, seg, unwrap } from '@/lib/api-client';
import { updateLoadedItems } from '@/lib/paged-query';
import { type Invite, invitesKey } from './get-invites';
import type { InviteVariables } from './resend-invite';

export const revokeInvite = ({ slug, inviteId }: InviteVariables) =>
  unwrap(client.api.v1.w[':workspace'].invites[':id'].$delete({ param: { workspace: seg(slug), id: seg(inviteId) }, query: {} }));

export const revokeInviteMutationOptions = () => mutationOptions({ mutationKey: ['invites', 'revoke'], mutationFn: revokeInvite });

export function useRevokeInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    ...revokeInviteMutationOptions(),
    onSuccess: async (_data, { slug, inviteId }) => {
      updateLoadedItems<Invite>(queryClient, invitesKey(slug), (items) => items.filter((i) => i.id !== inviteId));
      await queryClient.invalidateQueries({ queryKey: invitesKey(slug) });
    },
  });
}
