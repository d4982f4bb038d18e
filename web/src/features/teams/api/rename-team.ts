import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { client, seg, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';
import { type Team, teamKey } from './get-team';
import { teamsKey } from './get-teams';

export interface RenameTeamVariables {
  slug: string;
  teamId: string;
  name: string;
}

export const renameTeam = ({ slug, teamId, name }: RenameTeamVariables) =>
  unwrap(
    client.api.v1.w[':workspace'].teams[':id'].$patch({ param: { workspace: seg(slug), id: seg(teamId) }, query: {}, json: { name } }),
  );

export const renameTeamMutationOptions = () => mutationOptions({ mutationKey: ['teams', 'rename'], mutationFn: renameTeam });

export function useRenameTeam({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...renameTeamMutationOptions(),
    meta: inlineErrors,
    onSuccess: async (team, { slug, teamId }) => {
      queryClient.setQueryData<Team>(teamKey(slug, teamId), team);
      onSuccess?.();
      await queryClient.invalidateQueries({ queryKey: teamsKey(slug), exact: true });
    },
  });
}
