import { z } from '@hono/zod-openapi';
import { loginInput, loginPasswordInput, newPasswordInput, profileInput, signupInput } from './auth.input.ts';
import { isCommonPassword } from './password-policy.ts';
import { passwordLengthProblem, passwordMaxLength, passwordMinLength } from './password.input.ts';

/**
 * A new password: 8 to 128 characters counted in code points, never truncated (auth.input.ts, which
 * the web app checks too), and not one of the most common passwords (password-policy.ts, server only).
 * The OpenAPI lengths count characters as JSON Schema does.
 */
export const passwordSchema = newPasswordInput
  .superRefine((password, ctx) => {
    if (!passwordLengthProblem(password) && isCommonPassword(password)) ctx.addIssue({ code: 'custom', message: 'is too common' });
  })
  .openapi({ minLength: passwordMinLength, maxLength: passwordMaxLength });

export const signupBody = signupInput
  .safeExtend({ password: passwordSchema })
  .openapi('SignupRequest', { example: { email: 'ada@example.com', password: 'correct horse battery staple', name: 'Ada Lovelace' } });

export const loginBody = loginInput
  .safeExtend({ password: loginPasswordInput.openapi({ maxLength: passwordMaxLength }) })
  .openapi('LoginRequest', { example: { email: 'ada@example.com', password: 'correct horse battery staple' } });

export const profileBody = profileInput.openapi('ProfileRequest', { example: { name: 'Ada King' } });

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
    user: userSchema
      .extend({
        email_verified: z.boolean(),
        /** Whether GET /me/avatar has a picture to link to; without one, show the initials and skip the call. */
        has_avatar: z.boolean(),
      })
      .openapi({ example: { ...exampleUser, email_verified: true, has_avatar: false } }),
    memberships: z.array(
      z.object({
        workspace: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
        role: z.enum(['owner', 'admin', 'member', 'viewer']),
      }),
    ),
  })
  .openapi('Me', {
    example: {
      user: { ...exampleUser, email_verified: true, has_avatar: false },
      memberships: [{ workspace: { id: 'ws_03hd5bdjff72v8ayvdirxswbq', slug: 'acme', name: 'Acme' }, role: 'owner' }],
    },
  });
