import { z } from '@hono/zod-openapi';
import { tokenScopes } from '../../kernel/actor.ts';

export const patMaxDays = 365;

export const createPatBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z
      .array(z.enum(tokenScopes))
      .min(1)
      .refine((scopes) => new Set(scopes).size === scopes.length, 'must not repeat a scope'),
    /** Required: every token expires, at most a year after it is made. */
    expires_in_days: z.number().int().min(1).max(patMaxDays),
  })
  .strict()
  .openapi('CreatePersonalAccessTokenRequest');

export const patSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    scopes: z.array(z.enum(tokenScopes)),
    created_at: z.string(),
    expires_at: z.string(),
    last_used_at: z.string().nullable(),
  })
  .openapi('PersonalAccessToken');

export const createdPatSchema = patSchema.extend({ token: z.string() }).openapi('CreatedPersonalAccessToken');
export const patList = z.object({ items: z.array(patSchema) });
export const patParams = z.object({ id: z.string() });
