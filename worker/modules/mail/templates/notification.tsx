import { ActionLink, EmailLayout, Note, oneLine, Paragraph, safeLink } from './layout.tsx';
import { type Rendered, renderEmail } from './render.ts';

export interface NotificationMail {
  workspaceName: string;
  /** What happened, one sentence per notification (a digest has several). */
  lines: readonly string[];
  /** Where the app shows it (a path or an address on the app's origin). */
  link: string;
  /** The kind's one-line summary, which the footer note names. */
  summary: string;
  /** `digest`: the hourly or daily batch of a chatty kind. */
  digest?: 'hourly' | 'daily' | undefined;
  /** The signed one-click address; absent for mail that cannot be turned off. */
  unsubscribe?: string | undefined;
  appOrigin: string;
}

/**
 * One notification by email, or a digest of several of one kind. Mail the person may turn off
 * carries `List-Unsubscribe` (the signed one-click address) with `List-Unsubscribe-Post` (RFC 8058)
 * and the same link in its footer; security and billing mail carries neither.
 */
export function notificationEmail({
  workspaceName,
  lines,
  link,
  summary,
  digest,
  unsubscribe,
  appOrigin,
}: NotificationMail): Promise<Rendered> {
  const headers = unsubscribe
    ? { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
    : undefined;
  const workspace = oneLine(workspaceName);
  const subject = digest
    ? `${workspace}: ${lines.length} × ${oneLine(summary).toLowerCase()}`
    : `${workspace}: ${oneLine(lines[0] ?? summary)}`;
  const rendered = renderEmail(
    <EmailLayout title={subject} preheader={oneLine(lines[0] ?? summary)} appOrigin={appOrigin} unsubscribe={unsubscribe}>
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the lines are static text, rendered once
        <Paragraph key={i}>{line}</Paragraph>
      ))}
      <ActionLink label="Open in the app" href={safeLink(link, appOrigin)} />
      <Note>
        {digest
          ? `Your ${digest} digest of "${oneLine(summary)}" in ${workspace}. `
          : `You receive this mail as a member of ${workspace}. `}
        {unsubscribe ? 'Notification settings in your account choose what you receive.' : 'This mail cannot be turned off.'}
      </Note>
    </EmailLayout>,
    { subject, tag: digest ? 'notification-digest' : 'notification' },
  );
  return headers ? rendered.then((message) => ({ ...message, headers })) : rendered;
}
