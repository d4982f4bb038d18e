/**
 * Where to send someone after a step such as log-in: `return_to`, `next`, `redirectTo` and the like
 * come from the URL, so anyone can craft them. Only a path on this origin is accepted; anything
 * else (another host, a scheme, a protocol-relative `//host`, a backslash the browser reads as a
 * slash, an encoded or dot-segment disguise of those, control characters) collapses to `/`.
 *
 * Pure and free of imports: the worker and the web app run this same function.
 */

/** A host that can never be real, used only to let the URL parser resolve and normalise the path. */
const probeOrigin = 'http://redirect.invalid';

/** Longer inputs are not a path anyone meant to come back to. */
const maxLength = 2048;

/** Rounds of percent-decoding looked through; deeper nesting is refused rather than unwrapped. */
const maxDecodeRounds = 3;

// C0 controls, DEL and C1 controls: the URL parser drops tabs and newlines silently, so `/\t/evil`
// would become `//evil`; none belongs in a path.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/;

/** The part before the query and the fragment. */
const pathOf = (s: string): string => s.split(/[?#]/, 1)[0] ?? '';

/** True when `path` is a single-slash path that the URL parser keeps on the probe origin. */
function isLocalPath(path: string): boolean {
  if (!path.startsWith('/') || path.startsWith('//')) return false;
  if (path.includes('\\') || controlCharacters.test(path)) return false;
  let url: URL;
  try {
    url = new URL(path, probeOrigin);
  } catch {
    return false;
  }
  return url.origin === probeOrigin && !url.pathname.startsWith('//');
}

/**
 * The same-origin path (with its query and fragment) that `input` names, normalised by the URL
 * parser; `/` when `input` is not a string or could lead anywhere else.
 */
export function safeRedirectPath(input: unknown): string {
  if (typeof input !== 'string' || input.length === 0 || input.length > maxLength) return '/';
  if (controlCharacters.test(input)) return '/';

  // The path itself, and every percent-decoded form of it, must be a plain local path: something
  // downstream may decode once more before it redirects.
  let path = pathOf(input);
  for (let round = 0; round <= maxDecodeRounds; round++) {
    if (!isLocalPath(path)) return '/';
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return '/';
    }
    if (decoded === path) break;
    if (round === maxDecodeRounds) return '/';
    path = decoded;
  }

  const url = new URL(input, probeOrigin);
  if (url.origin !== probeOrigin) return '/';
  const result = `${url.pathname}${url.search}${url.hash}`;
  return isLocalPath(pathOf(result)) ? result : '/';
}
