import { ActionLink, EmailLayout, Note, Paragraph, productName, safeLink } from './layout.tsx';
import { type Rendered, renderEmail } from './render.ts';

/** Tells the owner that log-in with a password is paused after repeated failures. */
export function loginLockedEmail({ until, appOrigin }: { until: Date; appOrigin: string }): Promise<Rendered> {
  const subject = `Log-in to your ${productName} account is paused`;
  return renderEmail(
    <EmailLayout title={subject} preheader="Too many wrong passwords were tried." appOrigin={appOrigin}>
      <Paragraph>
        Someone entered a wrong password for your {productName} account too many times, so log-in with a password is paused until{' '}
        {until.toISOString().replace('T', ' ').slice(0, 16)} UTC. Until then even the right password is refused.
      </Paragraph>
      <Paragraph>If this was you, wait, or sign in with a link sent to this address. If it was not, choose a new password now.</Paragraph>
      <ActionLink label="Choose a new password" href={safeLink('/forgot-password', appOrigin)} />
      <Note>Nobody has signed in: a paused account refuses every password.</Note>
    </EmailLayout>,
    { subject, tag: 'login-locked' },
  );
}
