import { ActionLink, EmailLayout, Note, oneLine, Paragraph, productName, safeLink } from './layout.tsx';
import { type Rendered, renderEmail } from './render.ts';

/** Sent at sign-up and on request: the link proves the person receives mail at this address. */
export function verifyEmail({ name, token, appOrigin }: { name: string; token: string; appOrigin: string }): Promise<Rendered> {
  const who = oneLine(name).slice(0, 100) || 'there';
  const subject = `Confirm your email address for ${productName}`;
  return renderEmail(
    <EmailLayout title={subject} preheader="One click confirms this address." appOrigin={appOrigin}>
      <Paragraph>Hi {who},</Paragraph>
      <Paragraph>Please confirm that this is your email address. Until you do, billing, invitations and API keys stay locked.</Paragraph>
      <ActionLink label="Confirm my email" href={safeLink(`/verify-email#token=${token}`, appOrigin)} />
      <Note>The link works for 24 hours. If you did not create a {productName} account, you can ignore this email.</Note>
    </EmailLayout>,
    { subject, tag: 'verify-email' },
  );
}
