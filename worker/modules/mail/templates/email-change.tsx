import { ActionLink, EmailLayout, Note, oneLine, Paragraph, productName, safeLink } from './layout.tsx';
import { type Rendered, renderEmail } from './render.ts';

/** Sent to the new address: the link proves the person receives mail there and makes the change. */
export function emailChangeConfirmEmail({ name, token, appOrigin }: { name: string; token: string; appOrigin: string }): Promise<Rendered> {
  const who = oneLine(name).slice(0, 100) || 'there';
  const subject = `Confirm your new email address for ${productName}`;
  return renderEmail(
    <EmailLayout title={subject} preheader="One click moves your account to this address." appOrigin={appOrigin}>
      <Paragraph>Hi {who},</Paragraph>
      <Paragraph>You asked to use this address for your {productName} account. Nothing changes until you confirm.</Paragraph>
      <ActionLink label="Use this address" href={safeLink(`/confirm-email-change#token=${token}`, appOrigin)} />
      <Note>
        The link works once, for 24 hours. Confirming signs out every other session of your account. If you did not ask for this, ignore
        this email.
      </Note>
    </EmailLayout>,
    { subject, tag: 'email-change' },
  );
}

/** Sent to the current address: someone signed in asked to move the account elsewhere. */
export function emailChangeNoticeEmail({ appOrigin }: { appOrigin: string }): Promise<Rendered> {
  const subject = `Your ${productName} email address is about to change`;
  return renderEmail(
    <EmailLayout title={subject} preheader="A change of address was requested for your account." appOrigin={appOrigin}>
      <Paragraph>
        Someone signed in to your {productName} account asked to change its email address. The change happens only when the link mailed to
        the new address is used.
      </Paragraph>
      <Note>If this was not you, change your password now: that signs out every other session and keeps this address.</Note>
    </EmailLayout>,
    { subject, tag: 'email-change-notice' },
  );
}
