import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../env.ts';
import { devInboxAllowed } from '../../kernel/config.ts';
import { AppError } from '../../kernel/errors.ts';
import { tenantGateway } from '../../middleware/principal.ts';
import { auditContext, errorResponses, jsonBodyOf, jsonContent, newRouter, noQuery } from '../router.ts';
import { connectionBody, connectionSchema, domainBody, domainParams, workspaceParams } from './oauth.schema.ts';
import * as connections from './sso-connections.service.ts';

function manageDeps(c: Context<AppEnv>): connections.ManageDeps {
  const config = c.get('config');
  const openIdConnect = c.get('services').openIdConnect;
  if (!openIdConnect) throw new AppError('SERVICE_UNAVAILABLE', 'Single sign-on is not available');
  return { appSecret: config.APP_SECRET, appOrigin: config.APP_ORIGIN, allowHttpIssuer: devInboxAllowed(config.APP_ENV), openIdConnect };
}

function resolver(c: Context<AppEnv>) {
  const txt = c.get('services').txtResolver;
  if (!txt) throw new AppError('SERVICE_UNAVAILABLE', 'Domain verification is not available');
  return txt;
}

const path = '/w/{workspace}/sso-connection';
const ok = jsonContent(connectionSchema, 'The workspace’s single sign-on connection');

export const ssoRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: 'get',
        path,
        summary: 'Get the single sign-on connection',
        tags: ['SSO'],
        request: { params: workspaceParams, query: noQuery },
        responses: { 200: ok, ...errorResponses },
      }),
      async (c) => c.json(await connections.getConnection(tenantGateway(c), c.get('config').APP_ORIGIN), 200),
    )
    .openapi(
      createRoute({
        method: 'put',
        path,
        summary: 'Set up the single sign-on connection',
        tags: ['SSO'],
        request: { params: workspaceParams, query: noQuery, ...jsonBodyOf(connectionBody) },
        responses: { 200: ok, ...errorResponses },
      }),
      async (c) => c.json(await connections.saveConnection(tenantGateway(c), manageDeps(c), c.req.valid('json'), auditContext(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path,
        summary: 'Remove the single sign-on connection',
        tags: ['SSO'],
        request: { params: workspaceParams, query: noQuery },
        responses: { 204: { description: 'Deleted, with its domains' }, ...errorResponses },
      }),
      async (c) => {
        await connections.deleteConnection(tenantGateway(c), auditContext(c));
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: `${path}/domains`,
        summary: 'Add an email domain for single sign-on',
        tags: ['SSO'],
        request: { params: workspaceParams, query: noQuery, ...jsonBodyOf(domainBody) },
        responses: { 200: ok, ...errorResponses },
      }),
      async (c) =>
        c.json(await connections.addDomain(tenantGateway(c), c.get('config').APP_ORIGIN, c.req.valid('json').domain, auditContext(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: `${path}/domains/{domain}/verify`,
        summary: 'Verify an email domain',
        tags: ['SSO'],
        request: { params: domainParams, query: noQuery },
        responses: { 200: ok, ...errorResponses },
      }),
      async (c) => {
        const { domain } = c.req.valid('param');
        return c.json(
          await connections.verifyDomain(tenantGateway(c), resolver(c), c.get('config').APP_ORIGIN, domain, auditContext(c)),
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: `${path}/domains/{domain}`,
        summary: 'Remove an email domain',
        tags: ['SSO'],
        request: { params: domainParams, query: noQuery },
        responses: { 200: ok, ...errorResponses },
      }),
      async (c) =>
        c.json(
          await connections.removeDomain(tenantGateway(c), c.get('config').APP_ORIGIN, c.req.valid('param').domain, auditContext(c)),
          200,
        ),
    );
