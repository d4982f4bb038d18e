import { z } from 'zod';

/**
 * The body of `PUT /w/{workspace}/notification-preferences/{kind}`: the route validates with it, and
 * the web app's preference form too (docs/decisions/046-one-schema-for-form-and-route.md).
 */
export const preferenceChangeInput = z
  .object({
    channel: z.enum(['in_app', 'email']),
    enabled: z.boolean(),
    /** Email of a chatty kind only. */
    digest: z.enum(['hourly', 'daily']).optional(),
  })
  .strict();
