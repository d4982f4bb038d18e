import { createRoute } from '@hono/zod-openapi';
import { tenantGateway } from '../../middleware/principal.ts';
import { auditContext, errorResponses, jsonBodyOf, jsonContent, newRouter, noQuery } from '../router.ts';
import {
  __itemVar__Page,
  __itemVar__Params,
  __itemVar__Schema,
  create__Item__Body,
  list__Items__Query,
  update__Item__Body,
  workspaceParams,
} from './__items__.schema.ts';
import * as __itemsVar__ from './__items__.service.ts';

const tags = ['__Items_title__'];

export const __itemVar__Routes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/w/{workspace}/__items__',
        summary: 'List __items_words__',
        tags,
        request: { params: workspaceParams, query: list__Items__Query },
        responses: { 200: jsonContent(__itemVar__Page, 'A page of __items_words__'), ...errorResponses },
      }),
      async (c) =>
        c.json(await __itemsVar__.list__Items__(tenantGateway(c), c.req.valid('query'), c.get('config').APP_SECRET), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/w/{workspace}/__items__',
        summary: 'Create __a_item_words__',
        tags,
        description: 'Send `Idempotency-Key` to make retries safe: a repeat replays the first response.',
        request: { params: workspaceParams, query: noQuery, ...jsonBodyOf(create__Item__Body) },
        responses: { 201: jsonContent(__itemVar__Schema, 'Created'), ...errorResponses },
      }),
      async (c) => c.json(await __itemsVar__.create__Item__(tenantGateway(c), c.req.valid('json'), auditContext(c)), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/w/{workspace}/__items__/{id}',
        summary: 'Get __a_item_words__',
        tags,
        request: { params: __itemVar__Params, query: noQuery },
        responses: { 200: jsonContent(__itemVar__Schema, 'The __item_words__'), ...errorResponses },
      }),
      async (c) => c.json(await __itemsVar__.get__Item__(tenantGateway(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/w/{workspace}/__items__/{id}',
        summary: 'Update __a_item_words__',
        tags,
        request: { params: __itemVar__Params, query: noQuery, ...jsonBodyOf(update__Item__Body) },
        responses: { 200: jsonContent(__itemVar__Schema, 'Updated'), ...errorResponses },
      }),
      async (c) =>
        c.json(await __itemsVar__.update__Item__(tenantGateway(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/w/{workspace}/__items__/{id}',
        summary: 'Delete __a_item_words__',
        tags,
        request: { params: __itemVar__Params, query: noQuery },
        responses: { 204: { description: 'Deleted' }, ...errorResponses },
      }),
      async (c) => {
        await __itemsVar__.delete__Item__(tenantGateway(c), c.req.valid('param').id, auditContext(c));
        return c.body(null, 204);
      },
    );
