import { createRoute, z } from '@hono/zod-openapi';
import { jsonContent, newRouter, noQuery } from '../router.ts';

export const healthRoutes = newRouter().openapi(
  createRoute({
    method: 'get',
    path: '/health',
    tags: ['System'],
    request: { query: noQuery },
    responses: { 200: jsonContent(z.object({ status: z.literal('ok') }), 'The worker is up') },
  }),
  (c) => c.json({ status: 'ok' as const }, 200),
);
