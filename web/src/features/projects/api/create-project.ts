import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '@/lib/api-client';
import { inlineErrors, isRetryable } from '@/lib/react-query';
import type { CreateProjectInput, Project } from '@/types/api';
import { projectKey } from './get-project';
import { projectListsKey } from './get-projects';

export interface CreateProjectVariables {
  slug: string;
  input: CreateProjectInput;
  idempotencyKey: string;
}

export const createProject = ({ slug, input, idempotencyKey }: CreateProjectVariables) =>
  api.post<Project>(`/w/${seg(slug)}/projects`, input, {
    headers: { 'Idempotency-Key': idempotencyKey },
  });

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
