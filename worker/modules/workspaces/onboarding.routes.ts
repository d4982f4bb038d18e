import { createRoute } from '@hono/zod-openapi';
import { tenantGateway } from '../../middleware/principal.ts';
import { auditContext, errorResponses, jsonContent, newRouter, noQuery } from '../router.ts';
import { openDemoWorkspace } from './demo-workspace.ts';
import { demoWorkspaceSchema, onboardingSchema, workspaceParams } from './onboarding.schema.ts';
import { getOnboarding } from './onboarding.service.ts';

export const onboardingRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/w/{workspace}/onboarding',
        summary: 'Get the getting-started checklist',
        tags: ['Workspaces'],
        request: { params: workspaceParams, query: noQuery },
        responses: { 200: jsonContent(onboardingSchema, 'The first-run checklist and activation'), ...errorResponses },
      }),
      async (c) => c.json(await getOnboarding(tenantGateway(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/workspaces/demo',
        summary: 'Open your demo workspace',
        tags: ['Workspaces'],
        description: 'Opens the caller’s demo workspace with each module’s sample data (201), or returns the one they already have (200).',
        request: { query: noQuery },
        responses: {
          200: jsonContent(demoWorkspaceSchema, 'The caller’s existing demo workspace'),
          201: jsonContent(demoWorkspaceSchema, 'Created with sample data; the caller is its owner'),
          ...errorResponses,
        },
      }),
      async (c) => {
        const { created, workspace } = await openDemoWorkspace(tenantGateway(c), auditContext(c));
        return created ? c.json(workspace, 201) : c.json(workspace, 200);
      },
    );
