import { createRoute } from '@hono/zod-openapi';
import { tenantGateway } from '../../middleware/principal.ts';
import { errorResponses, jsonContent, newRouter, noQuery } from '../router.ts';
import { flagList, workspaceParams } from './flags.schema.ts';
import * as flags from './flags.service.ts';

export const flagRoutes = () =>
  newRouter().openapi(
    createRoute({
      method: 'get',
      path: '/w/{workspace}/flags',
      summary: 'List the feature flags',
      tags: ['Feature flags'],
      description:
        "Every feature flag, on or off for the caller in this workspace: the caller's own override, else the workspace's, else the environment's default. A feature whose flag is off answers 403 `FEATURE_DISABLED`.",
      request: { params: workspaceParams, query: noQuery },
      responses: { 200: jsonContent(flagList, 'The flags'), ...errorResponses },
    }),
    async (c) => c.json(await flags.listFlags(tenantGateway(c), c.get('config').APP_ENV), 200),
  );
