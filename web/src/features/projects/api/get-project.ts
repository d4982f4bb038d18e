import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { client, seg, unwrap, withSignal } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

const project = client.api.v1.w[':workspace'].projects[':id'];

export type Project = InferResponseType<typeof project.$get, 200>;
export type ProjectStatus = Project['status'];

export const projectKey = (slug: string, projectId: string) => ['workspaces', slug, 'projects', 'detail', projectId] as const;

export const getProject = (slug: string, projectId: string, { signal }: { signal?: AbortSignal } = {}) =>
  unwrap(project.$get({ param: { workspace: seg(slug), id: seg(projectId) }, query: {} }, withSignal(signal)));

export const getProjectQueryOptions = (slug: string, projectId: string) =>
  queryOptions({
    queryKey: projectKey(slug, projectId),
    // The screen shows a first-load failure itself; later failures still toast.
    meta: inlineErrors,
    queryFn: ({ signal }) => getProject(slug, projectId, { signal }),
  });

export const useProject = (slug: string, projectId: string) => useQuery(getProjectQueryOptions(slug, projectId));
