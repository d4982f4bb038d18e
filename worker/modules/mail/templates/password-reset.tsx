import { ActionLink, EmailLayout, Note, Paragraph, productName, safeLink } from './layout.tsx';
import { type Rendered, renderEmail } from './render.ts';

/** A link to choose a new password; valid once, for one hour. */
export function passwordResetEmail({ token, appOrigin }: { token: string; appOrigin: string }): Promise<Rendered> {
  const subject = `Reset your ${productName} password`;
  return renderEmail(
    <EmailLayout title={subject} preheader="Choose a new password within the hour." appOrigin={appOrigin}>
      <Paragraph>Someone asked to reset the password of the {productName} account with this address.</Paragraph>
      <ActionLink label="Choose a new password" href={safeLink(`/reset-password#token=${token}`, appOrigin)} />
      <Note>
        The link works once, for one hour. Setting a new password ends every way into your account: every session, every app or CLI sign-in
        and every personal access token. If you did not ask for this, ignore this email: your password stays as it is.
      </Note>
    </EmailLayout>,
    { subject, tag: 'password-reset' },
  );
}
