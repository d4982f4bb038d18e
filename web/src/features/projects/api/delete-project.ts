import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { client, seg, unwrap } from '@/lib/api-client';
import { projectKey } from './get-project';
import { projectListsKey } from './get-projects';

export interface DeleteProjectVariables {
  slug: string;
  projectId: string;
}

export const deleteProject = ({ slug, projectId }: DeleteProjectVariables) =>
  unwrap(
    client.api.v1.w[':workspace'].projects[':id'].$delete({
      param: { workspace: seg(slug), id: seg(projectId) },
      query: {},
    }),
  );

export const deleteProjectMutationOptions = () =>
  mutationOptions({
    mutationKey: ['projects', 'delete'],
    mutationFn: deleteProject,
  });

export function useDeleteProject({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...deleteProjectMutationOptions(),
    onSuccess: async (_data, { slug, projectId }) => {
      queryClient.removeQueries({ queryKey: projectKey(slug, projectId) });
      onSuccess?.();
      await queryClient.invalidateQueries({ queryKey: projectListsKey(slug) });
    },
  });
}
