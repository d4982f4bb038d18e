import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, seg } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';
import type { Project } from '@/types/api';

export const projectKey = (slug: string, projectId: string) =>
  ['workspaces', slug, 'projects', 'detail', projectId] as const;

export const getProject = (
  slug: string,
  projectId: string,
  { signal }: { signal?: AbortSignal } = {},
) => api.get<Project>(`/w/${seg(slug)}/projects/${seg(projectId)}`, { signal });

export const getProjectQueryOptions = (slug: string, projectId: string) =>
  queryOptions({
    queryKey: projectKey(slug, projectId),
    // The screen shows a first-load failure itself; later failures still toast.
    meta: inlineErrors,
    queryFn: ({ signal }) => getProject(slug, projectId, { signal }),
  });

export const useProject = (slug: string, projectId: string) =>
  useQuery(getProjectQueryOptions(slug, projectId));
