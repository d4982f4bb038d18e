import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { client, seg, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';
import { invitesKey } from './get-invites';

const invites = client.api.v1.w[':workspace'].invites;

export type CreateInviteInput = InferRequestType<typeof invites.$post>['json'];
export type InviteRole = CreateInviteInput['role'];

export interface CreateInviteVariables {
  slug: string;
  input: CreateInviteInput;
}

export const createInvite = ({ slug, input }: CreateInviteVariables) =>
  unwrap(invites.$post({ param: { workspace: seg(slug) }, query: {}, json: input }));

export const createInviteMutationOptions = () => mutationOptions({ mutationKey: ['invites', 'create'], mutationFn: createInvite });

export function useCreateInvite({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...createInviteMutationOptions(),
    meta: inlineErrors,
    onSuccess: async (_data, { slug }) => {
      onSuccess?.();
      await queryClient.invalidateQueries({ queryKey: invitesKey(slug) });
    },
  });
}
