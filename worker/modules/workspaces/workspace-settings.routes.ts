import { createRoute } from '@hono/zod-openapi';
import { restoringGateway, tenantGateway } from '../../middleware/principal.ts';
import { auditContext, errorResponses, jsonBodyOf, jsonContent, newRouter, noQuery } from '../router.ts';
import { updateWorkspaceBody, workspaceParams, workspaceSettingsSchema } from './workspace-settings.schema.ts';
import * as lifecycle from './workspace-lifecycle.service.ts';
import * as settings from './workspace-settings.service.ts';

const tags = ['Workspaces'];
const lifecycleErrors = {
  410: { description: 'WORKSPACE_DELETED: the workspace is deleted (error envelope)' },
  423: { description: 'WORKSPACE_SUSPENDED: the workspace is read-only (error envelope)' },
} as const;

export const workspaceSettingsRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/w/{workspace}',
        summary: 'Get a workspace',
        tags,
        request: { params: workspaceParams, query: noQuery },
        responses: { 200: jsonContent(workspaceSettingsSchema, 'The workspace'), ...errorResponses, ...lifecycleErrors },
      }),
      async (c) => c.json(await settings.getWorkspace(tenantGateway(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/w/{workspace}',
        summary: 'Update a workspace',
        tags,
        description: 'Admins and owners. A changed slug keeps the old one working as an alias for API callers.',
        request: { params: workspaceParams, query: noQuery, ...jsonBodyOf(updateWorkspaceBody) },
        responses: {
          200: jsonContent(workspaceSettingsSchema, 'Updated'),
          409: { description: 'Slug taken' },
          ...errorResponses,
          ...lifecycleErrors,
        },
      }),
      async (c) => c.json(await settings.updateWorkspace(tenantGateway(c), c.req.valid('json'), auditContext(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/w/{workspace}',
        summary: 'Delete a workspace',
        tags,
        description: 'Owners. A soft delete: restorable for 30 days (`purge_after`), then removed with all its data.',
        request: { params: workspaceParams, query: noQuery },
        responses: { 200: jsonContent(workspaceSettingsSchema, 'Deleted'), ...errorResponses, ...lifecycleErrors },
      }),
      async (c) => c.json(await lifecycle.deleteWorkspace(tenantGateway(c), auditContext(c), c.get('services').realtime), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/w/{workspace}/restore',
        summary: 'Restore a deleted workspace',
        tags,
        description: 'Owners, during the grace period. The one route a deleted workspace still answers.',
        request: { params: workspaceParams, query: noQuery },
        responses: {
          200: jsonContent(workspaceSettingsSchema, 'Restored'),
          409: { description: 'Not deleted' },
          ...errorResponses,
          ...lifecycleErrors,
        },
      }),
      async (c) => c.json(await lifecycle.restoreWorkspace(restoringGateway(c), auditContext(c)), 200),
    );
