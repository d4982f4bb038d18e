import { z } from '@hono/zod-openapi';
import { userSchema } from '../auth/auth.schema.ts';
import { backupCodeOnlyInput, reauthenticateInput, totpCodeOnlyInput } from './mfa.input.ts';

export const mfaStatusSchema = z
  .object({
    totp: z.object({ enabled: z.boolean(), enabled_at: z.string().nullable() }),
    backup_codes_remaining: z.number().int().nonnegative(),
    reauthenticated_until: z
      .string()
      .nullable()
      .openapi({ description: 'Until when this session may change sign-in factors; null when a password confirmation is needed' }),
  })
  .openapi('MfaStatus');

export const reauthenticateBody = reauthenticateInput.openapi('ReauthenticateRequest');
export const reauthenticatedSchema = z.object({ reauthenticated_until: z.string().nullable() }).openapi('Reauthenticated');

export const totpEnrolmentSchema = z
  .object({
    secret: z.string().openapi({ description: 'Base32, for typing into an authenticator app; shown once' }),
    otpauth_uri: z.string().openapi({ description: 'otpauth:// URI, for a QR code; shown once' }),
  })
  .openapi('TotpEnrolment');

export const confirmTotpBody = totpCodeOnlyInput.openapi('ConfirmTotpRequest');

export const backupCodesSchema = z
  .object({
    backup_codes: z.array(z.string()).openapi({ description: 'Shown once; each works once' }),
    other_sessions_revoked: z.number().int().nonnegative(),
  })
  .openapi('BackupCodes');

export const totpEnabledSchema = backupCodesSchema
  .extend({
    app_sign_ins_ended: z.number().int().nonnegative().openapi({ description: 'CLI and app sign-ins (refresh and access tokens) ended' }),
    personal_access_tokens_revoked: z.number().int().nonnegative(),
  })
  .openapi('TotpEnabled');

export const totpRemovedSchema = z.object({ other_sessions_revoked: z.number().int().nonnegative() }).openapi('TotpRemoved');

export const verifySecondFactorBody = z.union([totpCodeOnlyInput, backupCodeOnlyInput]).openapi('VerifySecondFactorRequest');

export const verifiedSchema = z
  .object({ user: userSchema, backup_codes_remaining: z.number().int().nullable() })
  .openapi('SecondFactorVerified');
