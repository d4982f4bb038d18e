import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { client, seg, unwrap } from '@/lib/api-client';
import { teamKey } from './get-team';
import { teamsKey } from './get-teams';

export interface DeleteTeamVariables {
  slug: string;
  teamId: string;
}

export const deleteTeam = ({ slug, teamId }: DeleteTeamVariables) =>
  unwrap(client.api.v1.w[':workspace'].teams[':id'].$delete({ param: { workspace: seg(slug), id: seg(teamId) }, query: {} }));

export const deleteTeamMutationOptions = () => mutationOptions({ mutationKey: ['teams', 'delete'], mutationFn: deleteTeam });

export function useDeleteTeam({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...deleteTeamMutationOptions(),
    onSuccess: async (_data, { slug, teamId }) => {
      queryClient.removeQueries({ queryKey: teamKey(slug, teamId) });
      onSuccess?.();
      await queryClient.invalidateQueries({ queryKey: teamsKey(slug), exact: true });
    },
  });
}
