/** The product name every email signs with. */
export const productName = 'Edge SaaS';

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => entities[char] ?? char);
}

/** HTML that is already safe: produced by `html` (or, for fixed markup, wrapped on purpose). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolation = SafeHtml | string | number | readonly SafeHtml[];

/**
 * A template literal for HTML that escapes every interpolated value, except `SafeHtml` (the
 * result of another `html` template) and lists of them.
 *
 * @example
 * html`<p>Hello ${name}</p>`; // name = '<b>' → <p>Hello &lt;b&gt;</p>
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

function render(value: Interpolation): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** Collapses whitespace and control characters into single spaces: for subjects and one-line text. */
export const oneLine = (value: string) => value.replace(/[\s\p{Cc}]+/gu, ' ').trim();

/** A web link an email may carry: http(s) only, otherwise the origin itself. */
export function safeLink(url: string, appOrigin: string): string {
  try {
    const parsed = new URL(url, appOrigin);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : new URL(appOrigin).href;
  } catch {
    return appOrigin;
  }
}

export interface Rendered {
  subject: string;
  html: string;
  text: string;
  tag: string;
}

/**
 * The one layout every email shares: a plain, table-based page readable in any client, with a
 * hidden preheader, the content, and a footer naming the product and its address.
 */
export function layout({ title, preheader, body, appOrigin }: { title: string; preheader: string; body: SafeHtml; appOrigin: string }): string {
  const home = safeLink(appOrigin, appOrigin);
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${title}</title>
</head>
<body style="margin:0;padding:0;background:#f4f4f5;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Helvetica,Arial,sans-serif;color:#18181b;">
<div style="display:none;max-height:0;overflow:hidden;">${preheader}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f4f5;padding:24px 0;">
<tr><td align="center">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="max-width:560px;width:100%;background:#ffffff;border-radius:8px;">
<tr><td style="padding:24px 32px 0;font-size:18px;font-weight:600;">${productName}</td></tr>
<tr><td style="padding:16px 32px 24px;font-size:15px;line-height:1.6;">${body}</td></tr>
</table>
<p style="margin:16px 0 0;font-size:12px;color:#71717a;">${productName} · <a href="${home}" style="color:#71717a;">${home}</a></p>
</td></tr>
</table>
</body>
</html>`.value;
}

/** The plain-text part's shared footer. */
export function textFooter(appOrigin: string): string {
  return `\n\n--\n${productName} · ${safeLink(appOrigin, appOrigin)}\n`;
}

/** A button-styled link for the HTML part. */
export function button(label: string, href: string): SafeHtml {
  return html`<p style="margin:24px 0;"><a href="${href}" style="display:inline-block;background:#18181b;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:6px;font-weight:600;">${label}</a></p>`;
}
