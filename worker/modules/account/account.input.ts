import { z } from 'zod';
import { backupCodeInput, totpCodeInput } from '../mfa/mfa.input.ts';

/**
 * Deleting the account, in plain zod: the route adds its OpenAPI metadata (account.schema.ts) and
 * the web app's delete-account form validates with this same schema.
 */
export const deleteAccountInput = z
  .object({
    password: z.string().min(1).max(1024),
    /** Required when the account has an authenticator app on: a code from it, or `backup_code`. */
    code: totpCodeInput.optional(),
    backup_code: backupCodeInput.optional(),
  })
  .strict()
  .refine((body) => body.code === undefined || body.backup_code === undefined, {
    message: 'send either a code or a backup code, not both',
    path: ['backup_code'],
  });
