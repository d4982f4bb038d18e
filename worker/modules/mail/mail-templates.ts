import { dunningEmail } from './templates/billing-dunning.tsx';
import { emailChangeConfirmEmail, emailChangeNoticeEmail } from './templates/email-change.tsx';
import { fileQuarantinedEmail } from './templates/file-quarantined.tsx';
import { inviteEmail } from './templates/invite.tsx';
import { loginLockedEmail } from './templates/login-locked.tsx';
import { magicLinkEmail } from './templates/magic-link.tsx';
import { notificationEmail } from './templates/notification.tsx';
import { passwordResetEmail } from './templates/password-reset.tsx';
import type { Rendered } from './templates/render.ts';
import { signupAttemptEmail } from './templates/signup-attempt.tsx';
import { verifyEmail } from './templates/verify-email.tsx';
import { webhookEndpointEmail } from './templates/webhook-endpoint.tsx';
import { welcomeEmail } from './templates/welcome.tsx';

/**
 * Every template the `mail.send` job renders, by name. Loaded by the job on first use, so neither the
 * templates nor React's renderer are evaluated on the request path. A template's parameters are what
 * its function takes, less `appOrigin` (the job adds it); they travel as JSON, so a date is a string.
 */
export const mailTemplates = {
  'verify-email': verifyEmail,
  'signup-attempt': signupAttemptEmail,
  'magic-link': magicLinkEmail,
  'password-reset': passwordResetEmail,
  'login-locked': ({ until, appOrigin }: { until: string; appOrigin: string }) => loginLockedEmail({ until: new Date(until), appOrigin }),
  'email-change-confirm': emailChangeConfirmEmail,
  'email-change-notice': emailChangeNoticeEmail,
  invite: inviteEmail,
  'file-quarantined': fileQuarantinedEmail,
  'billing-dunning': dunningEmail,
  'webhook-endpoint': webhookEndpointEmail,
  welcome: welcomeEmail,
  notification: notificationEmail,
} satisfies Record<string, (params: never) => Promise<Rendered>>;
