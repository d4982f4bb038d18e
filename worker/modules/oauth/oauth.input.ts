import { z } from 'zod';

/**
 * The single sign-on bodies in plain zod: the routes add their OpenAPI metadata (oauth.schema.ts)
 * and the web app's SSO forms validate with these same schemas.
 */
export const ssoStartInput = z
  .object({
    email: z
      .string()
      .trim()
      .max(254)
      .email('must be an email address')
      .transform((s) => s.toLowerCase()),
    next: z.string().max(2048).optional(),
  })
  .strict();

export const connectionInput = z
  .object({
    issuer: z.url().max(2048),
    client_id: z.string().trim().min(1).max(512),
    client_secret: z.string().min(1).max(2048).optional(),
    default_role: z.enum(['admin', 'member', 'viewer']).optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

export const domainInput = z.object({ domain: z.string().max(253) }).strict();
