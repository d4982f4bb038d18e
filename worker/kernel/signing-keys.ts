import { z } from 'zod';

/** One private signing key as a JWK: ES256 (P-256) with the id that tokens name in their header. */
export const privateSigningJwk = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  kid: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'kid must be 1–64 of A-Z a-z 0-9 . _ -'),
  x: z.string().min(1),
  y: z.string().min(1),
  d: z.string().min(1),
  alg: z.literal('ES256').optional(),
});

export type PrivateSigningJwk = z.infer<typeof privateSigningJwk>;

/**
 * `JWT_SIGNING_KEYS`: a JSON array of private JWKs. The first key signs new tokens; every key
 * verifies, so a retired key keeps its tokens valid until it is removed. Kids must be distinct.
 */
export const signingKeysSchema = z
  .string()
  .optional()
  .transform((text, ctx) => {
    if (!text) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of private JWKs' });
      return z.NEVER;
    }
    const keys = z.array(privateSigningJwk).min(1).safeParse(parsed);
    if (!keys.success) {
      ctx.addIssue({ code: 'custom', message: `must be a JSON array of ES256 private JWKs with kid (${keys.error.issues[0]?.message})` });
      return z.NEVER;
    }
    if (new Set(keys.data.map((k) => k.kid)).size !== keys.data.length) {
      ctx.addIssue({ code: 'custom', message: 'every key needs its own kid' });
      return z.NEVER;
    }
    return keys.data;
  });

/** The public half of a key, as published at /.well-known/jwks.json. */
export function publicJwk(key: PrivateSigningJwk) {
  return { kty: key.kty, crv: key.crv, x: key.x, y: key.y, kid: key.kid, alg: 'ES256', use: 'sig' } as const;
}
