import { ActionLink, EmailLayout, Note, Paragraph, productName, safeLink } from './layout.tsx';
import { type Rendered, renderEmail } from './render.ts';

/** Sent to an account's owner when someone tries to sign up again with its address. */
export function signupAttemptEmail({ appOrigin }: { appOrigin: string }): Promise<Rendered> {
  const subject = `Someone tried to sign up to ${productName} with your address`;
  return renderEmail(
    <EmailLayout title={subject} preheader="You already have an account." appOrigin={appOrigin}>
      <Paragraph>
        Someone tried to create a {productName} account with this email address, which already has one. Nothing was changed.
      </Paragraph>
      <Paragraph>If it was you, log in instead, or reset your password if you forgot it.</Paragraph>
      <ActionLink label="Log in" href={safeLink('/login', appOrigin)} />
      <Note>If it was not you, you can ignore this email.</Note>
    </EmailLayout>,
    { subject, tag: 'signup-attempt' },
  );
}
