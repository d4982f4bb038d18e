import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { client, seg, unwrap } from '@/lib/api-client';
import { type Team, teamKey } from './get-team';
import { teamsKey } from './get-teams';

export interface TeamMemberVariables {
  slug: string;
  teamId: string;
  memberId: string;
}

const teamMembers = client.api.v1.w[':workspace'].teams[':id'].members;

export const addTeamMember = ({ slug, teamId, memberId }: TeamMemberVariables) =>
  unwrap(teamMembers.$post({ param: { workspace: seg(slug), id: seg(teamId) }, query: {}, json: { member_id: memberId } }));

export const removeTeamMember = ({ slug, teamId, memberId }: TeamMemberVariables) =>
  unwrap(teamMembers[':memberId'].$delete({ param: { workspace: seg(slug), id: seg(teamId), memberId: seg(memberId) }, query: {} }));

export const addTeamMemberMutationOptions = () => mutationOptions({ mutationKey: ['teams', 'add-member'], mutationFn: addTeamMember });
export const removeTeamMemberMutationOptions = () =>
  mutationOptions({ mutationKey: ['teams', 'remove-member'], mutationFn: removeTeamMember });

function useUpdateTeamCache() {
  const queryClient = useQueryClient();
  return async (team: Team, { slug, teamId }: TeamMemberVariables) => {
    queryClient.setQueryData<Team>(teamKey(slug, teamId), team);
    await queryClient.invalidateQueries({ queryKey: teamsKey(slug), exact: true });
  };
}

export function useAddTeamMember() {
  const onSuccess = useUpdateTeamCache();
  return useMutation({ ...addTeamMemberMutationOptions(), onSuccess });
}

export function useRemoveTeamMember() {
  const onSuccess = useUpdateTeamCache();
  return useMutation({ ...removeTeamMemberMutationOptions(), onSuccess });
}
