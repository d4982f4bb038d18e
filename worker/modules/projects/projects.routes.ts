import { createRoute } from '@hono/zod-openapi';
import { tenantGateway } from '../../middleware/principal.ts';
import { auditContext, errorResponses, jsonBodyOf, jsonContent, newRouter, noQuery } from '../router.ts';
import {
  createProjectBody,
  listProjectsQuery,
  projectPage,
  projectParams,
  projectSchema,
  updateProjectBody,
  workspaceParams,
} from './projects.schema.ts';
import * as projects from './projects.service.ts';

const tags = ['Projects'];

export const projectRoutes = newRouter()
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
  );
