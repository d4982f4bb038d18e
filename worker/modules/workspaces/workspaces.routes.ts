import { createRoute } from '@hono/zod-openapi';
import { tenantGateway } from '../../middleware/principal.ts';
import { auditContext, errorResponses, jsonBodyOf, jsonContent, newRouter, noQuery } from '../router.ts';
import { createWorkspaceBody, workspaceList, workspaceSchema } from './workspaces.schema.ts';
import * as workspaces from './workspaces.service.ts';

export const workspaceRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/workspaces',
        summary: 'Create a workspace',
        tags: ['Workspaces'],
        request: { query: noQuery, ...jsonBodyOf(createWorkspaceBody) },
        responses: {
          201: jsonContent(workspaceSchema, 'Created; the caller is its owner'),
          409: { description: 'Slug taken' },
          ...errorResponses,
        },
      }),
      async (c) =>
        c.json(await workspaces.createWorkspace(tenantGateway(c), c.req.valid('json'), auditContext(c), c.get('services').bus), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/workspaces',
        summary: 'List your workspaces',
        tags: ['Workspaces'],
        request: { query: noQuery },
        responses: { 200: jsonContent(workspaceList, 'Workspaces the caller belongs to'), ...errorResponses },
      }),
      async (c) => c.json(await workspaces.listWorkspaces(tenantGateway(c)), 200),
    );
