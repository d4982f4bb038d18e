import { z } from '@hono/zod-openapi';
import { importProjectsInput, projectChangesInput, projectInput, projectStatus } from './projects.input.ts';
import { pageOf, pageQueryFields } from '../router.ts';

export const projectSorts = ['created_at', '-created_at', 'name', '-name'] as const;

export const projectSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    status: projectStatus,
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Project', {
    example: {
      id: 'prj_03hd5bdkkl74egkqvs1kt7y6g',
      name: 'Website relaunch',
      description: 'The new marketing site',
      status: 'active',
      created_at: '2026-12-06T01:44:08.673Z',
      updated_at: '2026-12-06T01:44:08.673Z',
    },
  });

export const createProjectBody = projectInput.openapi('CreateProjectRequest', {
  example: { name: 'Website relaunch', description: 'The new marketing site' },
});

export const updateProjectBody = projectChangesInput.openapi('UpdateProjectRequest');

export const listProjectsQuery = z
  .object({
    ...pageQueryFields,
    status: projectStatus.optional(),
    sort: z.enum(projectSorts).default('-created_at'),
  })
  .strict();

export const projectPage = pageOf(projectSchema, 'ProjectPage');

export const workspaceParams = z.object({ workspace: z.string() });
export const projectParams = z.object({ workspace: z.string(), id: z.string() });

export type ListProjectsQuery = z.infer<typeof listProjectsQuery>;
export type ProjectSort = (typeof projectSorts)[number];

export const importProjectsBody = importProjectsInput.openapi('ImportProjectsRequest', {
  example: { file_id: 'fil_03hd5bdkkl74egkqvs1kt7y6g' },
});
