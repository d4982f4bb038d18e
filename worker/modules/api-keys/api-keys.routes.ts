import { createRoute } from '@hono/zod-openapi';
import { tenantGateway } from '../../middleware/principal.ts';
import { auditContext, errorResponses, jsonBodyOf, jsonContent, newRouter, noQuery, pageQuery } from '../router.ts';
import { apiKeyPage, apiKeyParams, apiKeySchema, createApiKeyBody, createdApiKeySchema, workspaceParams } from './api-keys.schema.ts';
import * as apiKeys from './api-keys.service.ts';

export const apiKeyRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: '/w/{workspace}/api-keys',
        summary: 'Create an API key',
        tags: ['API keys'],
        request: { params: workspaceParams, query: noQuery, ...jsonBodyOf(createApiKeyBody) },
        responses: { 201: jsonContent(createdApiKeySchema, 'Created; `key` is shown only now'), ...errorResponses },
      }),
      async (c) => c.json(await apiKeys.createApiKey(tenantGateway(c), c.req.valid('json'), auditContext(c)), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/w/{workspace}/api-keys',
        summary: 'List API keys',
        tags: ['API keys'],
        request: { params: workspaceParams, query: pageQuery },
        responses: { 200: jsonContent(apiKeyPage, 'A page of active keys, newest first'), ...errorResponses },
      }),
      async (c) => c.json(await apiKeys.listApiKeys(tenantGateway(c), c.req.valid('query'), c.get('config').APP_SECRET), 200),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/w/{workspace}/api-keys/{id}',
        summary: 'Revoke an API key',
        tags: ['API keys'],
        request: { params: apiKeyParams, query: noQuery },
        responses: { 204: { description: 'Revoked' }, ...errorResponses },
      }),
      async (c) => {
        await apiKeys.revokeApiKey(tenantGateway(c), c.req.valid('param').id, auditContext(c), c.get('services').realtime);
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/w/{workspace}/api-keys/{id}/transfer',
        summary: 'Take over an API key',
        tags: ['API keys'],
        description:
          'An owner, signed in, takes the key over: it then acts for them and survives its maker leaving. Refused (409) once the maker is no longer a member.',
        request: { params: apiKeyParams, query: noQuery },
        responses: { 200: jsonContent(apiKeySchema, 'The key, now made by the caller'), ...errorResponses },
      }),
      async (c) => c.json(await apiKeys.transferApiKey(tenantGateway(c), c.req.valid('param').id, auditContext(c)), 200),
    );
