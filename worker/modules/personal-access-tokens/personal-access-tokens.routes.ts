import { createRoute } from '@hono/zod-openapi';
import { tenantGateway } from '../../middleware/principal.ts';
import { auditContext, errorResponses, jsonBodyOf, jsonContent, newRouter, noQuery, pageQuery } from '../router.ts';
import { createdPatSchema, createPatBody, patPage, patParams } from './personal-access-tokens.schema.ts';
import * as pats from './personal-access-tokens.service.ts';

export const personalAccessTokenRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/me/tokens',
        summary: 'Create a personal access token',
        tags: ['Personal access tokens'],
        request: { query: noQuery, ...jsonBodyOf(createPatBody) },
        responses: { 201: jsonContent(createdPatSchema, 'Created; `token` is shown only now'), ...errorResponses },
      }),
      async (c) => c.json(await pats.createToken(tenantGateway(c), c.req.valid('json'), auditContext(c)), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/me/tokens',
        summary: 'List your personal access tokens',
        tags: ['Personal access tokens'],
        request: { query: pageQuery },
        responses: { 200: jsonContent(patPage, 'A page of live tokens, newest first'), ...errorResponses },
      }),
      async (c) => c.json(await pats.listTokens(tenantGateway(c), c.req.valid('query'), c.get('config').APP_SECRET), 200),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/me/tokens/{id}',
        summary: 'Revoke a personal access token',
        tags: ['Personal access tokens'],
        request: { params: patParams, query: noQuery },
        responses: { 204: { description: 'Revoked' }, ...errorResponses },
      }),
      async (c) => {
        await pats.revokeToken(tenantGateway(c), c.req.valid('param').id, auditContext(c));
        return c.body(null, 204);
      },
    );
