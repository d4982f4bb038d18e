import { z } from '@hono/zod-openapi';
import { endpointInput, eventTypeInput } from './webhooks.input.ts';
import { pageOf, pageQueryFields } from '../router.ts';

export const endpointStatus = z.enum(['active', 'failing', 'disabled']);
export const deliveryStatus = z.enum(['pending', 'retrying', 'succeeded', 'failed']);

export const endpointSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    event_types: z.array(z.string()).openapi({ description: 'Delivered event types; empty means all.' }),
    status: endpointStatus,
    disabled_reason: z.string().nullable(),
    failing_since: z.string().nullable(),
    previous_secret_until: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('WebhookEndpoint');

export const endpointWithSecret = endpointSchema
  .extend({ secret: z.string().openapi({ description: 'The `whsec_…` signing secret. Shown once.' }) })
  .openapi('WebhookEndpointWithSecret');

export const endpointList = z
  .object({
    items: z.array(endpointSchema),
    event_types: z
      .array(z.object({ type: z.string(), summary: z.string() }))
      .openapi({ description: 'The event types an endpoint can subscribe to, with what each one means.' }),
  })
  .openapi('WebhookEndpointList');

export const createEndpointBody = endpointInput.openapi('CreateWebhookEndpointRequest');

export const updateEndpointBody = createEndpointBody
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'send at least one field')
  .openapi('UpdateWebhookEndpointRequest');

export const rotatedSecret = z.object({ secret: z.string(), previous_secret_until: z.string() }).openapi('WebhookSecretRotation');

export const deliverySchema = z
  .object({
    id: z.string(),
    endpoint_id: z.string(),
    event_id: z.string().openapi({ description: 'The `webhook-id` header: the same on every attempt and replay.' }),
    event_type: z.string(),
    replay_of: z.string().nullable(),
    attempt: z.number().int(),
    status: deliveryStatus,
    response_status: z.number().int().nullable(),
    response_body: z.string().nullable(),
    error: z.string().nullable(),
    duration_ms: z.number().int().nullable(),
    next_attempt_at: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('WebhookDelivery');

export const deliveryPage = pageOf(deliverySchema, 'WebhookDeliveryPage');

export const listDeliveriesQuery = z
  .object({
    ...pageQueryFields,
    status: deliveryStatus.optional(),
    event_type: eventTypeInput.optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export const replayRangeBody = z
  .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .strict()
  .refine((v) => Date.parse(v.from) < Date.parse(v.to), { message: 'from must be before to', path: ['to'] })
  .openapi('ReplayWebhookDeliveriesRequest');

export const replayedCount = z.object({ replayed: z.number().int() }).openapi('ReplayedWebhookDeliveries');

export const workspaceParams = z.object({ workspace: z.string() });
export const endpointParams = z.object({ workspace: z.string(), id: z.string() });
export const deliveryParams = z.object({ workspace: z.string(), id: z.string(), delivery: z.string() });

export type ListDeliveriesQuery = z.infer<typeof listDeliveriesQuery>;
export type CreateEndpointInput = z.infer<typeof createEndpointBody>;
export type UpdateEndpointInput = z.infer<typeof updateEndpointBody>;
