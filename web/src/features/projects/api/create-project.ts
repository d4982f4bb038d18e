import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { client, seg, unwrap } from '@/lib/api-client';
import { inlineErrors, isRetryable } from '@/lib/react-query';
import { type Project, projectKey } from './get-project';
import { projectListsKey } from './get-projects';

const projects = client.api.v1.w[':workspace'].projects;

export type CreateProjectInput = InferRequestType<typeof projects.$post>['json'];

export interface CreateProjectVariables {
  slug: string;
  input: CreateProjectInput;
  idempotencyKey: string;
}

export const createProject = ({ slug, input, idempotencyKey }: CreateProjectVariables) =>
  unwrap(projects.$post({ param: { workspace: seg(slug) }, query: {}, json: input }, { headers: { 'Idempotency-Key': idempotencyKey } }));

export const createProjectMutationOptions = () =>
  mutationOptions({
    mutationKey: ['projects', 'create'],
    mutationFn: createProject,
    // Safe to retry: the variables carry the same idempotency key.
    retry: (failureCount: number, error: Error) => failureCount < 2 && isRetryable(error),
  });

export function useCreateProject({ onSuccess }: { onSuccess?: (project: Project) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...createProjectMutationOptions(),
    // The form shows the error and its request id.
    meta: inlineErrors,
    onSuccess: async (project, { slug }) => {
      queryClient.setQueryData(projectKey(slug, project.id), project);
      onSuccess?.(project);
      await queryClient.invalidateQueries({ queryKey: projectListsKey(slug) });
    },
  });
}
