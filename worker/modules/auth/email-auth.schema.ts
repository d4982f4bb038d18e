import { z } from '@hono/zod-openapi';
import { emailOnlyInput, passwordChangeInput, resetPasswordInput } from './auth.input.ts';
import { passwordSchema } from './auth.schema.ts';

/** A token from a mailed link; its shape is checked by the service, so any string is answered alike. */
const tokenField = z.string().max(200);

export const emailOnlyBody = emailOnlyInput.openapi('EmailRequest');

export const tokenBody = z.object({ token: tokenField }).strict().openapi('EmailTokenRequest');

export const resetCompleteBody = resetPasswordInput.safeExtend({ password: passwordSchema }).openapi('PasswordResetRequest');

export const passwordChangeBody = passwordChangeInput.safeExtend({ new_password: passwordSchema }).openapi('PasswordChangeRequest');

/** The one answer of every "mail me a link" request, whoever the address belongs to. */
export const acceptedResponse = z.object({ message: z.string() }).openapi('MailAccepted');
export const acceptedMessage = 'If an account can use this, we sent an email to that address. The link in it works for a limited time.';

export const verifiedResponse = z.object({ email: z.string(), email_verified: z.literal(true) }).openapi('EmailVerified');

export const passwordChangedResponse = z
  .object({
    sessions_ended: z.number().int().openapi({ description: 'Other browser sessions signed out' }),
    app_sign_ins_ended: z.number().int().openapi({ description: 'CLI and app sign-ins (refresh and access tokens) ended' }),
    personal_access_tokens_revoked: z.number().int(),
  })
  .openapi('PasswordChanged');
