import type { SentWebhook } from '../../kernel/webhook-inbox.ts';
import { devPage } from '../mail/dev-inbox.page.ts';
import { html } from '../mail/html.ts';

const answer = (sent: SentWebhook) => (sent.responseStatus === null ? (sent.error ?? 'no answer') : String(sent.responseStatus));

/** The list at `/dev/webhooks`: newest first, each attempt with its body. */
export function devWebhookInboxPage(sent: SentWebhook[]): string {
  const rows = sent.map(
    (s) =>
      html`<tr><td class="muted">${s.createdAt}</td><td>${s.endpointUrl}</td><td>${s.eventType}</td><td class="muted">${s.webhookId}</td><td>${String(s.attempt)}</td><td>${answer(s)}</td></tr><tr><td colspan="6"><pre>${s.body}</pre></td></tr>`,
  );
  const list = rows.length
    ? html`<table><thead><tr><th>Sent</th><th>Endpoint</th><th>Event type</th><th>webhook-id</th><th>Attempt</th><th>Answer</th></tr></thead><tbody>${rows}</tbody></table>`
    : html`<p class="muted">No webhook sent yet.</p>`;
  return devPage(
    'Webhook inbox',
    html`<h1>Webhook inbox</h1><p class="muted">Every request the app made to a webhook endpoint in development; <a href="/dev/inbox">mail</a> is kept beside it.</p>${list}`,
  );
}
