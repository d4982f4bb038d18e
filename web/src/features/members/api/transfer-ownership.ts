import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { meQueryKey } from '@/features/auth/api/get-me';
import { client, seg, unwrap } from '@/lib/api-client';
import { updateLoadedItems } from '@/lib/paged-query';
import { type Member, membersKey } from './get-members';

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
      // The answer holds every member with their new role: the loaded pages take theirs at once.
      const changed = new Map(list.items.map((m) => [m.id, m]));
      updateLoadedItems<Member>(queryClient, membersKey(slug), (items) => items.map((m) => changed.get(m.id) ?? m));
      await queryClient.invalidateQueries({ queryKey: membersKey(slug) });
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
