import { createRoute } from '@hono/zod-openapi';
import { tenantGateway } from '../../middleware/principal.ts';
import { auditContext, errorResponses, jsonContent, newRouter, noQuery, pageQuery } from '../router.ts';
import { revokedOthersResponse, sessionPage, sessionParams } from './sessions.schema.ts';
import * as sessions from './sessions.service.ts';

export const sessionRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/me/sessions',
        summary: 'List your sessions',
        tags: ['Sessions'],
        request: { query: pageQuery },
        responses: {
          200: jsonContent(sessionPage, 'A page of the signed-in person’s browser sessions and app sign-ins, most recently used first'),
          ...errorResponses,
        },
      }),
      async (c) => c.json(await sessions.listSessions(tenantGateway(c), c.req.valid('query'), c.get('config').APP_SECRET), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/me/sessions/revoke-others',
        summary: 'Sign out your other sessions',
        tags: ['Sessions'],
        request: { query: noQuery },
        responses: {
          200: jsonContent(revokedOthersResponse, 'Every other session and every app sign-in is signed out'),
          ...errorResponses,
        },
      }),
      async (c) => c.json(await sessions.revokeOtherSessions(tenantGateway(c), auditContext(c), c.get('services').realtime), 200),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/me/sessions/{id}',
        summary: 'Sign out a session',
        tags: ['Sessions'],
        request: { params: sessionParams, query: noQuery },
        responses: {
          204: { description: 'Revoked; the session, or the app sign-in with its refresh and access tokens, stops working at once' },
          ...errorResponses,
        },
      }),
      async (c) => {
        await sessions.revokeSession(tenantGateway(c), c.req.valid('param').id, auditContext(c), c.get('services').realtime);
        return c.body(null, 204);
      },
    );
