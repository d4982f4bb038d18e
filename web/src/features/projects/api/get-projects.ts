import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api, seg } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';
import type { ProjectListQuery, ProjectPage, ProjectSort, ProjectStatus } from '@/types/api';

export const PROJECTS_PAGE_SIZE = 20;

export interface ProjectFilters {
  status?: ProjectStatus;
  sort?: ProjectSort;
}

/** Prefix of every project list query in a workspace; invalidate it after any project change. */
export const projectListsKey = (slug: string) => ['workspaces', slug, 'projects', 'list'] as const;

export const getProjects = (
  slug: string,
  query: ProjectListQuery,
  { signal }: { signal?: AbortSignal } = {},
) =>
  api.get<ProjectPage>(`/w/${seg(slug)}/projects`, {
    query: { limit: query.limit, cursor: query.cursor, status: query.status, sort: query.sort },
    signal,
  });

export const getProjectsQueryOptions = (slug: string, filters: ProjectFilters = {}) =>
  infiniteQueryOptions({
    queryKey: [...projectListsKey(slug), filters] as const,
    queryFn: ({ pageParam, signal }) =>
      getProjects(
        slug,
        { ...filters, limit: PROJECTS_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
        { signal },
      ),
    // The screen shows a first-load failure itself; later failures still toast.
    meta: inlineErrors,
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => (lastPage.has_more ? lastPage.next_cursor : null),
  });

export const useProjects = (slug: string, filters: ProjectFilters = {}) =>
  useInfiniteQuery(getProjectsQueryOptions(slug, filters));
