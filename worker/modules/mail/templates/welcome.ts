import { button, html, layout, oneLine, productName, type Rendered, safeLink, textFooter } from './layout.ts';

/**
 * Sent once an account exists. Every value is escaped in the HTML part; the name is kept to one
 * line everywhere, so it cannot break the subject.
 *
 * @example
 * await requireMailer(services.mailer).send({ to: parseRecipient(email), ...welcomeEmail({ name, appOrigin: config.APP_ORIGIN }) });
 */
export function welcomeEmail({ name, appOrigin }: { name: string; appOrigin: string }): Rendered {
  const who = oneLine(name).slice(0, 100) || 'there';
  const start = safeLink('/', appOrigin);
  const subject = `Welcome to ${productName}, ${who}`;
  const body = html`<p style="margin:0 0 12px;">Hi ${who},</p>
<p style="margin:0 0 12px;">Your ${productName} account is ready. Create a workspace, invite your team and start your first project.</p>
${button(`Open ${productName}`, start)}
<p style="margin:0;color:#52525b;font-size:13px;">If you did not sign up, you can ignore this email.</p>`;
  const text = [
    `Hi ${who},`,
    '',
    `Your ${productName} account is ready. Create a workspace, invite your team and start your first project.`,
    '',
    `Open ${productName}: ${start}`,
    '',
    'If you did not sign up, you can ignore this email.',
  ].join('\n');
  return {
    subject,
    html: layout({ title: subject, preheader: `Your ${productName} account is ready.`, body, appOrigin }),
    text: text + textFooter(appOrigin),
    tag: 'welcome',
  };
}
