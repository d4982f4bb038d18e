import { z } from 'zod';

/**
 * The second-factor bodies in plain zod: the routes add their OpenAPI metadata (mfa.schema.ts,
 * passkeys.schema.ts) and the web app's security forms validate with these same schemas
 * (docs/decisions/046-one-schema-for-form-and-route.md).
 */

export const totpCodeInput = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'must be the 6-digit code from your authenticator app');

export const backupCodeInput = z.string().trim().min(1).max(64);

export const reauthenticateInput = z.object({ password: z.string().min(1).max(1024) }).strict();

export const totpCodeOnlyInput = z.object({ code: totpCodeInput }).strict();

export const backupCodeOnlyInput = z.object({ backup_code: backupCodeInput }).strict();

export const passkeyNameInput = z.object({ name: z.string().trim().min(1).max(64) }).strict();
