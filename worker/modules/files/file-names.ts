/** The longest stored name, in code points (most file systems allow 255). */
export const MAX_NAME_LENGTH = 255;

// C0 and C1 controls, DEL, and the invisible characters that reorder or hide text: bidirectional
// embeddings, overrides and isolates (an RTL override can show `exe.pdf` for `fdp.exe`), marks,
// zero-width characters and the byte-order mark.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const unsafeCharacters = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/gu;

/**
 * The name a file is stored and served under: Unicode NFC, without control or invisible
 * reordering characters, path separators replaced (it is a name, never a path), no leading dots
 * or spaces, at most 255 code points with its extension kept. Percent-escapes are left as typed:
 * the name is never decoded or used to build a key, so `%2e%2e%2f` stays inert text.
 * Null when nothing printable is left.
 */
export function cleanFileName(input: string): string | null {
  const cleaned = input
    .normalize('NFC')
    .replace(unsafeCharacters, '')
    .replace(/[/\\]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .trim();
  if (cleaned === '') return null;
  const points = [...cleaned];
  if (points.length <= MAX_NAME_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? [...cleaned.slice(dot)] : [];
  const keep = extension.length > 0 && extension.length <= 16 ? extension : [];
  return [...points.slice(0, MAX_NAME_LENGTH - keep.length), ...keep].join('').trim();
}

/** RFC 5987 `ext-value` characters outside `attr-char` are percent-encoded (UTF-8). */
const rfc5987 = (value: string) => encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** A quoted-string fallback for old clients: printable ASCII only, no quote or backslash. */
const asciiFallback = (name: string) => name.replace(/[^\x20-\x7e]|["\\%]/g, '_');

/**
 * `Content-Disposition` for a stored name (RFC 6266): `attachment` unless `inline` is asked for,
 * an ASCII `filename` fallback and the exact name as `filename*=UTF-8''…` (RFC 5987), which
 * clients prefer. Quotes, newlines and any script are encoded, never interpreted.
 */
export function contentDisposition(name: string, disposition: 'attachment' | 'inline'): string {
  return `${disposition}; filename="${asciiFallback(name)}"; filename*=UTF-8''${rfc5987(name)}`;
}

/** Raster image types a browser may show in place; anything else (SVG and HTML above all) is an attachment. */
export const inlineImageTypes: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']);
