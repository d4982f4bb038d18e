import { createRoute } from '@hono/zod-openapi';
import { billingGateway, tenantGateway } from '../../middleware/principal.ts';
import { auditContext, errorResponses, jsonBodyOf, jsonContent, newRouter, noQuery } from '../router.ts';
import {
  billingSchema,
  checkoutBody,
  planStatusSchema,
  redirectSchema,
  trialExtensionSchema,
  usageSchema,
  webhookReceipt,
  workspaceParams,
} from './billing.schema.ts';
import * as billing from './billing.service.ts';
import { receiveStripeEvent } from './billing-webhooks.service.ts';
import * as trials from './trial.service.ts';
import { getUsage } from './usage.service.ts';

const tags = ['Billing'];

export const billingRoutes = () =>
  newRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/w/{workspace}/billing/plan',
        summary: 'Get the plan in force and the trial',
        tags,
        description:
          'The plan in force, what it allows, and the trial (its end, whether it can be extended): what a banner shows. Any member.',
        request: { params: workspaceParams, query: noQuery },
        responses: { 200: jsonContent(planStatusSchema, 'The plan in force and the trial'), ...errorResponses },
      }),
      async (c) => c.json(await trials.getPlanStatus(tenantGateway(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/w/{workspace}/billing/trial/extension',
        summary: 'Extend the trial once',
        tags,
        description: 'Takes the trial’s one free extension (owners). Works after the trial ended, and lifts the read-only mode.',
        request: { params: workspaceParams, query: noQuery },
        responses: { 200: jsonContent(trialExtensionSchema, 'The trial’s new end'), ...errorResponses },
      }),
      async (c) => c.json(await trials.extendTrial(billingGateway(c), auditContext(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/w/{workspace}/billing/usage',
        summary: 'Get the metered usage',
        tags,
        description:
          'Metered usage per month, the last six months, as the roll-up recorded it (it lags by up to its interval), with the plan’s monthly limit. Any member.',
        request: { params: workspaceParams, query: noQuery },
        responses: { 200: jsonContent(usageSchema, 'Usage per metric and month'), ...errorResponses },
      }),
      async (c) => c.json(await getUsage(tenantGateway(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/w/{workspace}/billing',
        summary: 'Get the billing account',
        tags,
        request: { params: workspaceParams, query: noQuery },
        responses: { 200: jsonContent(billingSchema, 'The plan in force and its subscription'), ...errorResponses },
      }),
      async (c) => c.json(await billing.getBilling(tenantGateway(c)), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/w/{workspace}/billing/checkout',
        summary: 'Start a Checkout for a paid plan',
        tags,
        description: 'A hosted Checkout URL for a paid plan. Paying grants the plan only once the signed webhook arrives.',
        request: { params: workspaceParams, query: noQuery, ...jsonBodyOf(checkoutBody) },
        responses: { 200: jsonContent(redirectSchema, 'Where to send the person'), ...errorResponses },
      }),
      async (c) =>
        c.json(
          await billing.startCheckout(billingGateway(c), c.get('services').payments, c.req.valid('json'), c.get('config').APP_ORIGIN),
          200,
        ),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/w/{workspace}/billing/portal',
        summary: 'Open the billing portal',
        tags,
        request: { params: workspaceParams, query: noQuery },
        responses: { 200: jsonContent(redirectSchema, 'The billing portal'), ...errorResponses },
      }),
      async (c) => c.json(await billing.openPortal(billingGateway(c), c.get('services').payments, c.get('config').APP_ORIGIN), 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/billing/webhooks/stripe',
        summary: 'Receive a Stripe event',
        tags,
        description:
          'Stripe’s webhook endpoint: verified with Stripe-Signature on the raw body, recorded once with its outbox event, applied by the consumer.',
        request: { query: noQuery },
        responses: { 200: jsonContent(webhookReceipt, 'Recorded (or already recorded)'), ...errorResponses },
      }),
      async (c) => {
        const deps = { payments: c.get('services').payments, bus: c.get('services').bus };
        return c.json(await receiveStripeEvent(c.get('db'), deps, await c.req.text(), c.req.header('stripe-signature') ?? null), 200);
      },
    );
