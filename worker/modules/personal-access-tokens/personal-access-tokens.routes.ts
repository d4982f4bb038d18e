import { createRoute } from '@hono/zod-openapi';
import { tenantGateway } from '../../middleware/principal.ts';
import { auditContext, errorResponses, jsonBodyOf, jsonContent, newRouter, noQuery } from '../router.ts';
import { createdPatSchema, createPatBody, patList, patParams } from './personal-access-tokens.schema.ts';
import * as pats from './personal-access-tokens.service.ts';

export const personalAccessTokenRoutes = newRouter()
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
      request: { query: noQuery },
      responses: { 200: jsonContent(patList, 'Live tokens'), ...errorResponses },
    }),
    async (c) => c.json(await pats.listTokens(tenantGateway(c)), 200),
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
