import type { InferRequestType } from 'hono/client';
import { client, seg, unwrap, withSignal } from '@/lib/api-client';
import { pagedQueryOptions, usePagedList } from '@/lib/paged-query';
import type { ProjectStatus } from './get-project';

const projects = client.api.v1.w[':workspace'].projects;

export type ProjectListQuery = InferRequestType<typeof projects.$get>['query'];
export type ProjectSort = NonNullable<ProjectListQuery['sort']>;

export const PROJECTS_PAGE_SIZE = 20;

export interface ProjectFilters {
  status?: ProjectStatus;
  sort?: ProjectSort;
}

/** Prefix of every project list query in a workspace; invalidate it after any project change. */
export const projectListsKey = (slug: string) => ['workspaces', slug, 'projects', 'list'] as const;

export const getProjects = (slug: string, { limit, cursor, status, sort }: ProjectListQuery, { signal }: { signal?: AbortSignal } = {}) =>
  unwrap(
    projects.$get(
      // The client leaves out parameters that are `undefined`.
      { param: { workspace: seg(slug) }, query: { limit, cursor, status, sort } },
      withSignal(signal),
    ),
  );

export const getProjectsQueryOptions = (slug: string, filters: ProjectFilters = {}) =>
  pagedQueryOptions([...projectListsKey(slug), filters] as const, (cursor, signal) =>
    getProjects(slug, { ...filters, limit: String(PROJECTS_PAGE_SIZE), ...(cursor ? { cursor } : {}) }, { signal }),
  );

export const useProjects = (slug: string, filters: ProjectFilters = {}) => usePagedList(getProjectsQueryOptions(slug, filters));
