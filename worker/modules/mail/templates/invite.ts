import { button, html, layout, oneLine, productName, type Rendered, safeLink, textFooter } from './layout.ts';

/**
 * An invitation to a workspace. The link carries only the single-use token; the role shown here is
 * for the reader, the one granted is the one stored with the invite. Names are escaped in the HTML
 * part and kept to one line everywhere.
 *
 * @example
 * await mailer.send({ to: parseRecipient(email), ...inviteEmail({ inviterName, workspaceName, role, acceptUrl, appOrigin }) });
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
}): Rendered {
  const workspace = oneLine(workspaceName).slice(0, 100) || 'a workspace';
  const inviter = inviterName ? oneLine(inviterName).slice(0, 100) : '';
  const link = safeLink(acceptUrl, appOrigin);
  const who = inviter ? `${inviter} invited you` : 'You are invited';
  const subject = `${who} to ${workspace} on ${productName}`;
  const lead = `${who} to join ${workspace} on ${productName} as ${role === 'admin' ? 'an' : 'a'} ${role}.`;
  const body = html`<p style="margin:0 0 12px;">${lead}</p>
${button('Accept the invitation', link)}
<p style="margin:0 0 12px;color:#52525b;font-size:13px;">The link works once and expires in ${expiresInDays} days. Sign in with this email address to accept it.</p>
<p style="margin:0;color:#52525b;font-size:13px;">If you did not expect this invitation, you can ignore this email.</p>`;
  const text = [
    lead,
    '',
    `Accept the invitation: ${link}`,
    '',
    `The link works once and expires in ${expiresInDays} days. Sign in with this email address to accept it.`,
    '',
    'If you did not expect this invitation, you can ignore this email.',
  ].join('\n');
  return {
    subject,
    html: layout({ title: subject, preheader: lead, body, appOrigin }),
    text: text + textFooter(appOrigin),
    tag: 'invite',
  };
}
