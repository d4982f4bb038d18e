import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../env.ts';
import { tenantGateway } from '../../middleware/principal.ts';
import { auditContext, errorResponses, jsonBodyOf, jsonContent, newRouter, noQuery } from '../router.ts';
import * as deliveries from './deliveries.service.ts';
import { webhookContext } from './webhook-context.ts';
import {
  createEndpointBody,
  deliveryPage,
  deliveryParams,
  deliverySchema,
  endpointList,
  endpointParams,
  endpointSchema,
  endpointWithSecret,
  listDeliveriesQuery,
  replayedCount,
  replayRangeBody,
  rotatedSecret,
  updateEndpointBody,
  workspaceParams,
} from './webhooks.schema.ts';
import * as endpoints from './webhooks.service.ts';

const tags = ['Webhooks'];
const base = '/w/{workspace}/webhooks';
const context = (c: Context<AppEnv>) => webhookContext(c.get('config'), c.get('services'));
const queued = { 503: { description: 'The delivery could not be queued (error envelope)' } } as const;

export const webhookRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: base,
        summary: 'List webhook endpoints',
        tags,
        request: { params: workspaceParams, query: noQuery },
        responses: { 200: jsonContent(endpointList, 'The workspace’s webhook endpoints'), ...errorResponses },
      }),
      async (c) => c.json(await endpoints.listEndpoints(tenantGateway(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: base,
        summary: 'Create a webhook endpoint',
        tags,
        description: 'Registers an endpoint. The answer holds its signing secret, shown this once.',
        request: { params: workspaceParams, query: noQuery, ...jsonBodyOf(createEndpointBody) },
        responses: { 201: jsonContent(endpointWithSecret, 'Created'), ...errorResponses },
      }),
      async (c) => c.json(await endpoints.createEndpoint(tenantGateway(c), c.req.valid('json'), context(c), auditContext(c)), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: `${base}/{id}`,
        summary: 'Get a webhook endpoint',
        tags,
        request: { params: endpointParams, query: noQuery },
        responses: { 200: jsonContent(endpointSchema, 'The endpoint'), ...errorResponses },
      }),
      async (c) => c.json(await endpoints.getEndpoint(tenantGateway(c), c.req.valid('param').id), 200),
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: `${base}/{id}`,
        summary: 'Update a webhook endpoint',
        tags,
        request: { params: endpointParams, query: noQuery, ...jsonBodyOf(updateEndpointBody) },
        responses: { 200: jsonContent(endpointSchema, 'Updated'), ...errorResponses },
      }),
      async (c) =>
        c.json(
          await endpoints.updateEndpoint(tenantGateway(c), c.req.valid('param').id, c.req.valid('json'), context(c), auditContext(c)),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: `${base}/{id}`,
        summary: 'Delete a webhook endpoint',
        tags,
        request: { params: endpointParams, query: noQuery },
        responses: { 204: { description: 'Deleted, with its deliveries' }, ...errorResponses },
      }),
      async (c) => {
        await endpoints.deleteEndpoint(tenantGateway(c), c.req.valid('param').id, auditContext(c));
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: `${base}/{id}/disable`,
        summary: 'Disable a webhook endpoint',
        tags,
        request: { params: endpointParams, query: noQuery },
        responses: { 200: jsonContent(endpointSchema, 'Disabled: nothing more is delivered'), ...errorResponses },
      }),
      async (c) => c.json(await endpoints.setEndpointEnabled(tenantGateway(c), c.req.valid('param').id, false, auditContext(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: `${base}/{id}/enable`,
        summary: 'Enable a webhook endpoint',
        tags,
        request: { params: endpointParams, query: noQuery },
        responses: { 200: jsonContent(endpointSchema, 'Enabled, with no failure streak'), ...errorResponses },
      }),
      async (c) => c.json(await endpoints.setEndpointEnabled(tenantGateway(c), c.req.valid('param').id, true, auditContext(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: `${base}/{id}/rotate-secret`,
        summary: 'Rotate the signing secret of a webhook endpoint',
        tags,
        description: 'A new signing secret, shown this once; the previous one still signs for 24 hours.',
        request: { params: endpointParams, query: noQuery },
        responses: { 200: jsonContent(rotatedSecret, 'Rotated'), ...errorResponses },
      }),
      async (c) => c.json(await endpoints.rotateSecret(tenantGateway(c), c.req.valid('param').id, context(c), auditContext(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: `${base}/{id}/deliveries`,
        summary: "List a webhook endpoint's deliveries",
        tags,
        request: { params: endpointParams, query: listDeliveriesQuery },
        responses: { 200: jsonContent(deliveryPage, 'A page of deliveries, newest first'), ...errorResponses },
      }),
      async (c) =>
        c.json(
          await deliveries.listDeliveries(tenantGateway(c), c.req.valid('param').id, c.req.valid('query'), c.get('config').APP_SECRET),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: `${base}/{id}/deliveries/{delivery}/replay`,
        summary: 'Replay one webhook delivery',
        tags,
        description: 'Sends the delivery’s event again, with the same `webhook-id`, as a new delivery.',
        request: { params: deliveryParams, query: noQuery },
        responses: { 202: jsonContent(deliverySchema, 'Queued'), ...errorResponses, ...queued },
      }),
      async (c) => {
        const { id, delivery } = c.req.valid('param');
        return c.json(await deliveries.replayDelivery(tenantGateway(c), c.env.JOBS, { endpoint: id, delivery }, auditContext(c)), 202);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: `${base}/{id}/replay`,
        summary: "Replay a webhook endpoint's deliveries in a time range",
        tags,
        description: 'Sends again every delivery in the range that did not succeed (at most 1,000).',
        request: { params: endpointParams, query: noQuery, ...jsonBodyOf(replayRangeBody) },
        responses: { 202: jsonContent(replayedCount, 'Queued'), ...errorResponses, ...queued },
      }),
      async (c) =>
        c.json(
          await deliveries.replayRange(tenantGateway(c), c.env.JOBS, c.req.valid('param').id, c.req.valid('json'), auditContext(c)),
          202,
        ),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: `${base}/{id}/test`,
        summary: 'Send a test event to a webhook endpoint',
        tags,
        description: 'Sends a `webhook.test` event to this endpoint.',
        request: { params: endpointParams, query: noQuery },
        responses: { 202: jsonContent(deliverySchema, 'Queued'), ...errorResponses, ...queued },
      }),
      async (c) => c.json(await deliveries.sendTestEvent(tenantGateway(c), c.env.JOBS, c.req.valid('param').id, auditContext(c)), 202),
    );
