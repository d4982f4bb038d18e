import { z } from 'zod';

/** The API key body in plain zod: the route adds its OpenAPI metadata (api-keys.schema.ts); the web form validates with it. */
export const apiKeyInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    role: z.enum(['admin', 'member', 'viewer']).default('member'),
  })
  .strict();
