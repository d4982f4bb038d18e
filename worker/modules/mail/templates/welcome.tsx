import { ActionLink, EmailLayout, Note, oneLine, Paragraph, productName, safeLink } from './layout.tsx';
import { type Rendered, renderEmail } from './render.ts';

/**
 * Sent once an account exists. The name is kept to one line everywhere, so it cannot break the
 * subject; React escapes it in the HTML part.
 *
 * @example
 * await requireMailer(services.mailer).send({ to: parseRecipient(email), ...(await welcomeEmail({ name, appOrigin: config.APP_ORIGIN })) });
 */
export function welcomeEmail({ name, appOrigin }: { name: string; appOrigin: string }): Promise<Rendered> {
  const who = oneLine(name).slice(0, 100) || 'there';
  const subject = `Welcome to ${productName}, ${who}`;
  return renderEmail(
    <EmailLayout title={subject} preheader={`Your ${productName} account is ready.`} appOrigin={appOrigin}>
      <Paragraph>Hi {who},</Paragraph>
      <Paragraph>Your {productName} account is ready. Create a workspace, invite your team and start your first project.</Paragraph>
      <ActionLink label={`Open ${productName}`} href={safeLink('/', appOrigin)} />
      <Note>If you did not sign up, you can ignore this email.</Note>
    </EmailLayout>,
    { subject, tag: 'welcome' },
  );
}
