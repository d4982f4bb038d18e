import { z } from 'zod';

/**
 * The webhook endpoint bodies in plain zod: the routes add their OpenAPI metadata
 * (webhooks.schema.ts) and the web app's endpoint form validates with these same schemas
 * (docs/decisions/046-one-schema-for-form-and-route.md). Whether the URL may be called is the
 * server's to say (ssrf-guard.ts): it resolves the name.
 */
export const eventTypeInput = z.string().regex(/^[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)+$/, 'an event type such as project.created');

export const endpointInput = z
  .object({
    url: z.string().trim().min(1).max(2000),
    description: z.string().trim().max(500).nullable().optional(),
    event_types: z.array(eventTypeInput).max(100).optional(),
  })
  .strict();
