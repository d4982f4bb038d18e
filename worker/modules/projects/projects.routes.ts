import { createRoute } from '@hono/zod-openapi';
import { tenantGateway } from '../../middleware/principal.ts';
import { auditContext, errorResponses, jsonBodyOf, jsonContent, newRouter, noQuery } from '../router.ts';
import { jobSchema } from '../jobs/jobs.schema.ts';
import * as imports from './projects-import.service.ts';
import {
  createProjectBody,
  importProjectsBody,
  listProjectsQuery,
  projectPage,
  projectParams,
  projectSchema,
  updateProjectBody,
  workspaceParams,
} from './projects.schema.ts';
import * as projects from './projects.service.ts';

const tags = ['Projects'];

export const projectRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/w/{workspace}/projects',
        summary: 'List projects',
        tags,
        request: { params: workspaceParams, query: listProjectsQuery },
        responses: { 200: jsonContent(projectPage, 'A page of projects'), ...errorResponses },
      }),
      async (c) => c.json(await projects.listProjects(tenantGateway(c), c.req.valid('query'), c.get('config').APP_SECRET), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/w/{workspace}/projects',
        summary: 'Create a project',
        tags,
        description: 'Send `Idempotency-Key` to make retries safe: a repeat replays the first response.',
        request: { params: workspaceParams, query: noQuery, ...jsonBodyOf(createProjectBody) },
        responses: { 201: jsonContent(projectSchema, 'Created'), ...errorResponses },
      }),
      async (c) => c.json(await projects.createProject(tenantGateway(c), c.req.valid('json'), auditContext(c), c.get('services').bus), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/w/{workspace}/projects/{id}',
        summary: 'Get a project',
        tags,
        request: { params: projectParams, query: noQuery },
        responses: { 200: jsonContent(projectSchema, 'The project'), ...errorResponses },
      }),
      async (c) => c.json(await projects.getProject(tenantGateway(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/w/{workspace}/projects/{id}',
        summary: 'Update a project',
        tags,
        request: { params: projectParams, query: noQuery, ...jsonBodyOf(updateProjectBody) },
        responses: { 200: jsonContent(projectSchema, 'Updated'), ...errorResponses },
      }),
      async (c) =>
        c.json(await projects.updateProject(tenantGateway(c), c.req.valid('param').id, c.req.valid('json'), c.get('services').bus), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/w/{workspace}/projects/{id}/restore',
        summary: 'Restore a deleted project',
        tags,
        description:
          'Undoes a delete made in the last 30 days; takes the permission deleting does. The project counts against the plan’s limit again.',
        request: { params: projectParams, query: noQuery },
        responses: { 200: jsonContent(projectSchema, 'Restored'), ...errorResponses },
      }),
      async (c) => c.json(await projects.restoreProject(tenantGateway(c), c.req.valid('param').id, auditContext(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/w/{workspace}/projects/{id}',
        summary: 'Delete a project',
        tags,
        request: { params: projectParams, query: noQuery },
        responses: { 204: { description: 'Deleted' }, ...errorResponses },
      }),
      async (c) => {
        await projects.deleteProject(tenantGateway(c), c.req.valid('param').id, auditContext(c), c.get('services').bus);
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/w/{workspace}/projects/imports',
        summary: 'Import projects from a CSV file',
        tags,
        description:
          'Imports projects from a CSV file uploaded through `POST /w/{workspace}/files` (and scanned clean): a header of `name` and optionally `description` and `status`, UTF-8, comma-separated, at most 50,000 rows. Refused with 403 `FEATURE_DISABLED` while the `projects.csv-import` flag is off for the caller. A malformed file is refused whole (422 `CSV_INVALID`); otherwise answers with the job to poll at `GET /w/{workspace}/jobs/{id}`, which imports a chunk of 1,000 rows at a time and reports each refused row (bad values, a cell that starts like a spreadsheet formula, the plan’s limit) in its `result.errors`.',
        request: { params: workspaceParams, query: noQuery, ...jsonBodyOf(importProjectsBody) },
        responses: {
          202: jsonContent(jobSchema, 'Accepted: the import job is queued'),
          ...errorResponses,
          503: { description: 'The import could not be queued (error envelope)' },
        },
      }),
      async (c) => {
        const deps = { queue: c.env.JOBS, storage: c.get('services').storage, appEnv: c.get('config').APP_ENV };
        return c.json(await imports.startImport(tenantGateway(c), deps, c.req.valid('json'), auditContext(c)), 202);
      },
    );
