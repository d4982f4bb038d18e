import { z } from '@hono/zod-openapi';

const passwordGrant = z
  .object({
    grant_type: z.literal('password'),
    email: z
      .string()
      .trim()
      .max(254)
      .transform((s) => s.toLowerCase()),
    password: z.string().max(1024),
    client_id: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[^\p{C}]+$/u, 'must be printable text')
      .optional()
      .openapi({
        description: 'A name for the app signing in, shown under Settings → Sessions (not a credential)',
        example: 'acme-cli',
        // The generator would print the regex's flag into the pattern (`…$/u`), which matches nothing.
        pattern: '^[^\\p{C}]+$',
      }),
  })
  .strict();

const refreshGrant = z
  .object({
    grant_type: z.literal('refresh_token'),
    refresh_token: z.string().max(200),
  })
  .strict();

/** The token request: the grant and its proof, nothing else (the principal comes from the proof). */
export const tokenRequest = z.discriminatedUnion('grant_type', [passwordGrant, refreshGrant]).openapi('TokenRequest');

/** RFC 6749 §5.1. */
export const tokenResponse = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int(),
    refresh_token: z.string(),
  })
  .openapi('TokenResponse');

export const jwksResponse = z
  .object({
    keys: z.array(
      z.object({ kty: z.string(), crv: z.string(), x: z.string(), y: z.string(), kid: z.string(), alg: z.string(), use: z.string() }),
    ),
  })
  .openapi('JsonWebKeySet');
