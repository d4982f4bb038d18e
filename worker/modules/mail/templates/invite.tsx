import { ActionLink, EmailLayout, Note, oneLine, Paragraph, productName, safeLink } from './layout.tsx';
import { type Rendered, renderEmail } from './render.ts';

/**
 * An invitation to a workspace. The link carries only the single-use token; the role shown here is
 * for the reader, the one granted is the one stored with the invite. Names are kept to one line.
 */
export function inviteEmail({
  inviterName,
  workspaceName,
  role,
  acceptUrl,
  expiresInDays,
  appOrigin,
}: {
  inviterName: string | null;
  workspaceName: string;
  role: string;
  acceptUrl: string;
  expiresInDays: number;
  appOrigin: string;
}): Promise<Rendered> {
  const workspace = oneLine(workspaceName).slice(0, 100) || 'a workspace';
  const inviter = inviterName ? oneLine(inviterName).slice(0, 100) : '';
  const who = inviter ? `${inviter} invited you` : 'You are invited';
  const subject = `${who} to ${workspace} on ${productName}`;
  const lead = `${who} to join ${workspace} on ${productName} as ${role === 'admin' ? 'an' : 'a'} ${role}.`;
  return renderEmail(
    <EmailLayout title={subject} preheader={lead} appOrigin={appOrigin}>
      <Paragraph>{lead}</Paragraph>
      <ActionLink label="Accept the invitation" href={safeLink(acceptUrl, appOrigin)} />
      <Note>The link works once and expires in {expiresInDays} days. Sign in with this email address to accept it.</Note>
      <Note>If you did not expect this invitation, you can ignore this email.</Note>
    </EmailLayout>,
    { subject, tag: 'invite' },
  );
}
