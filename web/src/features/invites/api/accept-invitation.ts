import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { meQueryKey } from '@/features/auth/api/get-me';
import { client, seg, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

const accept = client.api.v1.invites[':token'].accept;

export type AcceptedInvitation = InferResponseType<typeof accept.$post, 200>;

export const acceptInvitation = ({ token }: { token: string }) => unwrap(accept.$post({ param: { token: seg(token) }, query: {} }));

export const acceptInvitationMutationOptions = () =>
  mutationOptions({ mutationKey: ['invitations', 'accept'], mutationFn: acceptInvitation });

export function useAcceptInvitation({ onSuccess }: { onSuccess?: (accepted: AcceptedInvitation) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...acceptInvitationMutationOptions(),
    meta: inlineErrors,
    onSuccess: async (accepted) => {
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      onSuccess?.(accepted);
    },
  });
}
