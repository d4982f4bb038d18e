import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { client, seg, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';
import { teamsKey } from './get-teams';

export interface CreateTeamVariables {
  slug: string;
  name: string;
}

export const createTeam = ({ slug, name }: CreateTeamVariables) =>
  unwrap(client.api.v1.w[':workspace'].teams.$post({ param: { workspace: seg(slug) }, query: {}, json: { name } }));

export const createTeamMutationOptions = () => mutationOptions({ mutationKey: ['teams', 'create'], mutationFn: createTeam });

export function useCreateTeam({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...createTeamMutationOptions(),
    meta: inlineErrors,
    onSuccess: async (_data, { slug }) => {
      onSuccess?.();
      await queryClient.invalidateQueries({ queryKey: teamsKey(slug) });
    },
  });
}
