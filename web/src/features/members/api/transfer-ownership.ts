import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { meQueryKey } from '@/features/auth/api/get-me';
import { client, seg, unwrap } from '@/lib/api-client';
import { type MemberList, membersKey } from './get-members';

export interface TransferOwnershipVariables {
  slug: string;
  memberId: string;
}

export const transferOwnership = ({ slug, memberId }: TransferOwnershipVariables) =>
  unwrap(
    client.api.v1.w[':workspace']['transfer-ownership'].$post({
      param: { workspace: seg(slug) },
      query: {},
      json: { member_id: memberId },
    }),
  );

export const transferOwnershipMutationOptions = () =>
  mutationOptions({ mutationKey: ['members', 'transfer-ownership'], mutationFn: transferOwnership });

export function useTransferOwnership() {
  const queryClient = useQueryClient();
  return useMutation({
    ...transferOwnershipMutationOptions(),
    onSuccess: async (list, { slug }) => {
      queryClient.setQueryData<MemberList>(membersKey(slug), list);
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
