import { devPage } from '../mail/dev-inbox.page.ts';
import { html } from '../mail/html.ts';

/** The confirm page behind the footer link: one button, which sends the same one-click POST a mail client would. */
export function confirmPage(action: string, summary: string, workspaceName: string): string {
  return devPage(
    'Unsubscribe',
    html`<h1>Unsubscribe</h1>
<p>Stop emails about “${summary}” in ${workspaceName}? Other notifications, and this one in the app, stay as they are.</p>
<form method="post" action="${action}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
  );
}

export function donePage(summary: string, workspaceName: string): string {
  return devPage(
    'Unsubscribed',
    html`<h1>Unsubscribed</h1><p>You will no longer get emails about “${summary}” in ${workspaceName}. Notification settings in your account turn them back on.</p>`,
  );
}
