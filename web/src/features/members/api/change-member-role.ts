import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { meQueryKey } from '@/features/auth/api/get-me';
import { client, seg, unwrap } from '@/lib/api-client';
import { membersKey } from './get-members';

const member = client.api.v1.w[':workspace'].members[':id'];

export type MemberRole = InferRequestType<typeof member.$patch>['json']['role'];

export interface ChangeMemberRoleVariables {
  slug: string;
  memberId: string;
  role: MemberRole;
}

export const changeMemberRole = ({ slug, memberId, role }: ChangeMemberRoleVariables) =>
  unwrap(member.$patch({ param: { workspace: seg(slug), id: seg(memberId) }, query: {}, json: { role } }));

export const changeMemberRoleMutationOptions = () =>
  mutationOptions({ mutationKey: ['members', 'change-role'], mutationFn: changeMemberRole });

export function useChangeMemberRole() {
  const queryClient = useQueryClient();
  return useMutation({
    ...changeMemberRoleMutationOptions(),
    onSettled: async (_data, _error, { slug }) => {
      // One's own role may have changed: the session's memberships carry it.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: membersKey(slug) }),
        queryClient.invalidateQueries({ queryKey: meQueryKey }),
      ]);
    },
  });
}
