import { z } from '@hono/zod-openapi';
import { codePointLength, isEmailLike, passwordMaxLength, passwordMinLength, passwordProblems } from './password-policy.ts';

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .email('must be an email address')
  .transform((s) => s.toLowerCase());

/**
 * A new password: 8 to 128 characters counted in code points, never truncated, not one of the most
 * common passwords (password-policy.ts). The OpenAPI lengths count characters as JSON Schema does.
 */
export const passwordSchema = z
  .string()
  .superRefine((password, ctx) => {
    for (const message of passwordProblems(password)) ctx.addIssue({ code: 'custom', message });
  })
  .openapi({ minLength: passwordMinLength, maxLength: passwordMaxLength });

export const signupBody = z
  .object({
    email: emailSchema,
    password: passwordSchema,
    name: z.string().trim().min(1).max(100),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (isEmailLike(body.password, body.email)) {
      ctx.addIssue({ code: 'custom', path: ['password'], message: 'must not be your email address' });
    }
  })
  .openapi('SignupRequest', { example: { email: 'ada@example.com', password: 'correct horse battery staple', name: 'Ada Lovelace' } });

/** At log-in only the ceiling applies (in code points, as at sign-up): a longer one is refused, never cut. */
const loginPasswordSchema = z
  .string()
  .refine((password) => codePointLength(password) <= passwordMaxLength, `must be at most ${passwordMaxLength} characters`)
  .openapi({ maxLength: passwordMaxLength });

export const loginBody = z
  .object({
    email: z
      .string()
      .trim()
      .max(254)
      .transform((s) => s.toLowerCase()),
    password: loginPasswordSchema,
  })
  .strict()
  .openapi('LoginRequest', { example: { email: 'ada@example.com', password: 'correct horse battery staple' } });

const exampleUser = {
  id: 'usr_03hd5bdgvivh32iik6j5e4g0z',
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  created_at: '2026-12-06T01:44:07.894Z',
};

export const userSchema = z
  .object({ id: z.string(), email: z.string(), name: z.string(), created_at: z.string() })
  .openapi('User', { example: exampleUser });

export const userResponse = z.object({ user: userSchema });

export const meResponse = z
  .object({
    user: userSchema.extend({ email_verified: z.boolean() }).openapi({ example: { ...exampleUser, email_verified: true } }),
    memberships: z.array(
      z.object({
        workspace: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
        role: z.enum(['owner', 'admin', 'member', 'viewer']),
      }),
    ),
  })
  .openapi('Me', {
    example: {
      user: { ...exampleUser, email_verified: true },
      memberships: [{ workspace: { id: 'ws_03hd5bdjff72v8ayvdirxswbq', slug: 'acme', name: 'Acme' }, role: 'owner' }],
    },
  });
