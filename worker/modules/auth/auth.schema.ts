import { z } from '@hono/zod-openapi';

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .email('must be an email address')
  .transform((s) => s.toLowerCase());

export const passwordSchema = z.string().min(8, 'must be at least 8 characters').max(128, 'must be at most 128 characters');

export const signupBody = z
  .object({
    email: emailSchema,
    password: passwordSchema,
    name: z.string().trim().min(1).max(100),
  })
  .strict()
  .openapi('SignupRequest');

export const loginBody = z
  .object({ email: z.string().trim().max(254).transform((s) => s.toLowerCase()), password: z.string().max(128) })
  .strict()
  .openapi('LoginRequest');

export const userSchema = z
  .object({ id: z.string(), email: z.string(), name: z.string(), created_at: z.string() })
  .openapi('User');

export const userResponse = z.object({ user: userSchema });

export const meResponse = z
  .object({
    user: userSchema,
    memberships: z.array(
      z.object({
        workspace: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
        role: z.enum(['owner', 'admin', 'member', 'viewer']),
      }),
    ),
  })
  .openapi('Me');
