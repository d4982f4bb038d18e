import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { client, seg, unwrap } from '@/lib/api-client';
import { addNotification } from '@/stores/notifications';
import { invitesKey } from './get-invites';
import { t } from '@/lib/i18n';

export interface InviteVariables {
  slug: string;
  inviteId: string;
}

export const resendInvite = ({ slug, inviteId }: InviteVariables) =>
  unwrap(client.api.v1.w[':workspace'].invites[':id'].resend.$post({ param: { workspace: seg(slug), id: seg(inviteId) }, query: {} }));

export const resendInviteMutationOptions = () => mutationOptions({ mutationKey: ['invites', 'resend'], mutationFn: resendInvite });

export function useResendInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    ...resendInviteMutationOptions(),
    onSuccess: async (invite, { slug }) => {
      addNotification({ kind: 'success', message: t('resendInvite.ts.invitationSentAgainTo', { email: invite.email }) });
      await queryClient.invalidateQueries({ queryKey: invitesKey(slug) });
    },
  });
}
