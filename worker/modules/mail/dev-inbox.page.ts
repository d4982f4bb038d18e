import type { InboxMessage } from '../../kernel/mailer.ts';
import { html, type SafeHtml } from './html.ts';

/** A development page (the dev inboxes): plain, unindexed, no scripts. */
export function devPage(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<style>
body{font:14px/1.5 system-ui,sans-serif;margin:0 auto;max-width:960px;padding:24px;color:#18181b}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e4e4e7;padding:6px 8px;text-align:left;vertical-align:top}
th{font-weight:600;color:#52525b}a{color:#2563eb}pre{white-space:pre-wrap;background:#f4f4f5;padding:12px;border-radius:6px}
iframe{width:100%;height:560px;border:1px solid #e4e4e7;border-radius:6px}.muted{color:#71717a}
</style>
</head>
<body>${body}</body>
</html>`.value;
}

/** The list at `/dev/inbox`: newest first, each subject linking to the message. */
export function inboxPage(messages: InboxMessage[], to: string | undefined): string {
  const rows = messages.map(
    (m) =>
      html`<tr><td class="muted">${m.createdAt}</td><td>${m.to}</td><td><a href="/dev/inbox/${encodeURIComponent(m.id)}">${m.subject}</a></td><td class="muted">${m.tag ?? ''}</td></tr>`,
  );
  const heading = to ? html`<h1>Dev inbox: ${to}</h1><p><a href="/dev/inbox">All messages</a></p>` : html`<h1>Dev inbox</h1>`;
  const list = rows.length
    ? html`<table><thead><tr><th>Received</th><th>To</th><th>Subject</th><th>Tag</th></tr></thead><tbody>${rows}</tbody></table>`
    : html`<p class="muted">No mail yet.</p>`;
  return devPage('Dev inbox', html`${heading}<p class="muted">Mail sent in development stays here; nothing is delivered.</p>${list}`);
}

/** One message: headers, the HTML part in a sandboxed frame (no scripts), the text part. */
export function messagePage(message: InboxMessage): string {
  return devPage(
    message.subject,
    html`<p><a href="/dev/inbox">← Dev inbox</a></p>
<h1>${message.subject}</h1>
<p class="muted">From ${message.from} · to <a href="/dev/inbox?to=${encodeURIComponent(message.to)}">${message.to}</a> · ${message.createdAt}</p>
<h2>HTML</h2>
<iframe sandbox="" title="HTML part" srcdoc="${message.html}"></iframe>
<h2>Text</h2>
<pre>${message.text}</pre>`,
  );
}
