import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, jsonContent, newRouter, noQuery } from '../router.ts';
import { checkReadiness } from './readiness.service.ts';

export const healthRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/health',
      summary: 'Check that the worker runs',
      tags: ['System'],
      description: 'Liveness: the worker runs. Touches no dependency; see `/health/ready` for the database.',
      request: { query: noQuery },
      responses: { 200: jsonContent(z.object({ status: z.literal('ok') }), 'The worker is up'), 400: errorResponses[400] },
    }),
    (c) => c.json({ status: 'ok' as const }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/health/ready',
      summary: 'Check that the database answers',
      tags: ['System'],
      description: 'Readiness: the database answers `select 1` within 2 seconds.',
      request: { query: noQuery },
      responses: {
        200: jsonContent(z.object({ status: z.literal('ok'), database: z.literal('ok') }), 'Ready: the database answers'),
        400: errorResponses[400],
        503: { description: 'The database is unavailable (error envelope, `Retry-After`)' },
      },
    }),
    async (c) => c.json(await checkReadiness(c.get('db')), 200),
  );
