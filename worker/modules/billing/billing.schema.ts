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
