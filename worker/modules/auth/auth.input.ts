import { z } from 'zod';
import { codePointLength, isEmailLike, passwordLengthProblem, passwordMaxLength } from './password.input.ts';

/**
 * The bodies the identity routes validate, in plain zod: the routes add their OpenAPI metadata
 * (auth.schema.ts) and the web app's forms validate with these same schemas before they send
 * (docs/decisions/046-one-schema-for-form-and-route.md). Nothing here may import the worker.
 */

/** A person's display name: what sign-up takes and the profile changes. */
export const personNameInput = z.string().trim().min(1).max(100);

export const emailInput = z
  .string()
  .trim()
  .max(254)
  .email('must be an email address')
  .transform((s) => s.toLowerCase());

/** A new password's length rule. The server adds the common-password check (auth.schema.ts). */
export const newPasswordInput = z.string().superRefine((password, ctx) => {
  const problem = passwordLengthProblem(password);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const signupInput = z
  .object({ email: emailInput, password: newPasswordInput, name: personNameInput })
  .strict()
  .superRefine((body, ctx) => {
    if (isEmailLike(body.password, body.email)) {
      ctx.addIssue({ code: 'custom', path: ['password'], message: 'must not be your email address' });
    }
  });

/** At log-in only the ceiling applies (in code points, as at sign-up): a longer one is refused, never cut. */
export const loginPasswordInput = z
  .string()
  .refine((password) => codePointLength(password) <= passwordMaxLength, `must be at most ${passwordMaxLength} characters`);

export const loginInput = z
  .object({
    email: z
      .string()
      .trim()
      .max(254)
      .transform((s) => s.toLowerCase()),
    password: loginPasswordInput,
  })
  .strict();

/** The profile's editable fields (PATCH /me). */
export const profileInput = z.object({ name: personNameInput }).strict();

export const emailOnlyInput = z.object({ email: emailInput }).strict();

/** A token from a mailed link; its shape is checked by the service, so any string is answered alike. */
const tokenField = z.string().max(200);

export const resetPasswordInput = z.object({ token: tokenField, password: newPasswordInput }).strict();

export const passwordChangeInput = z.object({ current_password: z.string().max(1024), new_password: newPasswordInput }).strict();

export const emailChangeInput = z
  .object({
    new_email: emailInput,
    /** Omitted only when this session confirmed the password within the last ten minutes. */
    password: z.string().max(1024).optional(),
  })
  .strict();
