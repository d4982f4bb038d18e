import { ActionLink, EmailLayout, Note, Paragraph, productName, safeLink } from './layout.tsx';
import { type Rendered, renderEmail } from './render.ts';

/** A sign-in link; valid once, for 10 minutes, and only after a click on the page it opens. */
export function magicLinkEmail({ token, appOrigin }: { token: string; appOrigin: string }): Promise<Rendered> {
  const subject = `Your ${productName} sign-in link`;
  return renderEmail(
    <EmailLayout title={subject} preheader="Sign in without a password, within 10 minutes." appOrigin={appOrigin}>
      <Paragraph>Use this link to sign in to {productName}. It opens a page where you confirm the sign-in.</Paragraph>
      <ActionLink label={`Sign in to ${productName}`} href={safeLink(`/magic-link#token=${token}`, appOrigin)} />
      <Note>
        The link works once, for 10 minutes. If you did not ask for it, ignore this email: nobody can use it without your mailbox.
      </Note>
    </EmailLayout>,
    { subject, tag: 'magic-link' },
  );
}
