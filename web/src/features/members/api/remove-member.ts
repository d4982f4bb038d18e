import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { client, seg, unwrap } from '@/lib/api-client';
import { membersKey } from './get-members';

export interface RemoveMemberVariables {
  slug: string;
  memberId: string;
}

export const removeMember = ({ slug, memberId }: RemoveMemberVariables) =>
  unwrap(client.api.v1.w[':workspace'].members[':id'].$delete({ param: { workspace: seg(slug), id: seg(memberId) }, query: {} }));

export const removeMemberMutationOptions = () => mutationOptions({ mutationKey: ['members', 'remove'], mutationFn: removeMember });

export function useRemoveMember() {
  const queryClient = useQueryClient();
  return useMutation({
    ...removeMemberMutationOptions(),
    onSuccess: async (_data, { slug }) => {
      await queryClient.invalidateQueries({ queryKey: membersKey(slug) });
      await queryClient.invalidateQueries({ queryKey: ['workspaces', slug, 'teams'] });
    },
  });
}
