import { z } from 'zod';
import { tokenScopes } from '../../kernel/actor.ts';

/** The personal access token body in plain zod: the route adds its OpenAPI metadata; the web form validates with it. */
const patMaxDays = 365;

export const patInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z
      .array(z.enum(tokenScopes))
      .min(1)
      .refine((scopes) => new Set(scopes).size === scopes.length, 'must not repeat a scope'),
    /** Required: every token expires, at most a year after it is made. */
    expires_in_days: z.number().int().min(1).max(patMaxDays),
  })
  .strict();
