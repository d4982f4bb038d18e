import { z } from '@hono/zod-openapi';

export const workspaceParams = z.object({ workspace: z.string().openapi({ example: 'acme' }) });

export const checkoutBody = z
  .object({
    plan: z.enum(['pro', 'team']),
    interval: z.enum(['month', 'year']).default('month'),
  })
  .strict()
  .openapi('BillingCheckoutRequest');

export const redirectSchema = z.object({ url: z.url() }).openapi('BillingRedirect');

export const billingSchema = z
  .object({
    plan: z.enum(['free', 'pro', 'team']),
    subscription: z
      .object({
        payment_provider: z.enum(['stripe', 'manual']),
        plan: z.enum(['free', 'pro', 'team']),
        interval: z.enum(['month', 'year']).nullable(),
        status: z.enum(['trialing', 'active', 'past_due', 'canceled', 'unpaid']),
        current_period_end: z.string().nullable(),
        cancel_at: z.string().nullable(),
        cancel_at_period_end: z.boolean(),
        seats: z.number().int(),
      })
      .nullable(),
  })
  .openapi('Billing');

export const webhookReceipt = z.object({ received: z.literal(true) }).openapi('WebhookReceipt');

const planId = z.enum(['free', 'pro', 'team']);

export const planStatusSchema = z
  .object({
    plan: planId.openapi({ description: 'The plan in force: the subscription’s, the trial’s while it runs, or free' }),
    state: z.enum(['subscribed', 'past_due', 'trialing', 'trial_ended', 'free']),
    read_only: z.boolean().openapi({ description: 'True once the trial has ended without a subscription: writes answer TRIAL_ENDED' }),
    trial: z
      .object({
        plan: z.enum(['pro', 'team']),
        started_at: z.string(),
        ends_at: z.string(),
        extended: z.boolean(),
        extension_available: z.boolean(),
        extension_days: z.number().int(),
      })
      .nullable(),
    features: z.object({ sso: z.boolean(), audit_log_export: z.boolean(), priority_support: z.boolean() }),
    limits: z.object({ members: z.number().int().nullable(), projects: z.number().int().nullable() }),
  })
  .openapi('PlanStatus');

export const trialExtensionSchema = z.object({ ends_at: z.string() }).openapi('TrialExtension');
