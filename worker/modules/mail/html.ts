/** HTML built by string templates, for the dev inbox pages: every interpolated value is escaped. */

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
