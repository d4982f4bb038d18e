import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { inlineErrors } from '@/lib/react-query';
import { api, seg } from '@/lib/api-client';
import type { Project, UpdateProjectInput } from '@/types/api';
import { projectKey } from './get-project';
import { projectListsKey } from './get-projects';

export interface UpdateProjectVariables {
  slug: string;
  projectId: string;
  input: UpdateProjectInput;
}

export const updateProject = ({ slug, projectId, input }: UpdateProjectVariables) =>
  api.patch<Project>(`/w/${seg(slug)}/projects/${seg(projectId)}`, input);

export const updateProjectMutationOptions = () =>
  mutationOptions({
    mutationKey: ['projects', 'update'],
    mutationFn: updateProject,
  });

export function useUpdateProject({ onSuccess }: { onSuccess?: (project: Project) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...updateProjectMutationOptions(),
    // The form shows the error and its request id.
    meta: inlineErrors,
    onSuccess: async (project, { slug }) => {
      queryClient.setQueryData(projectKey(slug, project.id), project);
      onSuccess?.(project);
      await queryClient.invalidateQueries({ queryKey: projectListsKey(slug) });
    },
  });
}
