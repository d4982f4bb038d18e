import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { client, seg, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';
import { type Project, projectKey } from './get-project';
import { projectListsKey } from './get-projects';

const project = client.api.v1.w[':workspace'].projects[':id'];

export type UpdateProjectInput = InferRequestType<typeof project.$patch>['json'];

export interface UpdateProjectVariables {
  slug: string;
  projectId: string;
  input: UpdateProjectInput;
}

export const updateProject = ({ slug, projectId, input }: UpdateProjectVariables) =>
  unwrap(
    project.$patch({
      param: { workspace: seg(slug), id: seg(projectId) },
      query: {},
      json: input,
    }),
  );

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
    onSuccess: async (updated, { slug }) => {
      queryClient.setQueryData(projectKey(slug, updated.id), updated);
      onSuccess?.(updated);
      await queryClient.invalidateQueries({ queryKey: projectListsKey(slug) });
    },
  });
}
