const encoder = new TextEncoder();

const hexOfByte = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** Lower-case hex, two digits a byte. */
export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  let text = '';
  for (const b of bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)) text += hexOfByte[b];
  return text;
}

// Trace and span ids are not secrets, and asking the runtime for 8 or 16 random bytes costs more
// than building the id from them: the bytes come from a pool refilled 4 KiB at a time.
const idPool = new Uint8Array(4096);
let idPoolNext = idPool.length;

/** `bytes` random bytes as lower-case hex, for identifiers that are not secrets (trace and span ids). */
export function randomIdHex(bytes: number): string {
  if (bytes > idPool.length) throw new RangeError(`randomIdHex takes at most ${idPool.length} bytes`);
  if (idPoolNext + bytes > idPool.length) {
    crypto.getRandomValues(idPool);
    idPoolNext = 0;
  }
  const text = toHex(idPool.subarray(idPoolNext, idPoolNext + bytes));
  idPoolNext += bytes;
  return text;
}

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function fromBase64url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const padded = text.replaceAll('-', '+').replaceAll('_', '/') + '='.repeat((4 - (text.length % 4)) % 4);
  try {
    return Uint8Array.from(atob(padded), (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
}

export async function sha256Hex(text: string): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

export function randomToken(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

// Secrets come from configuration, so an isolate imports each one once: a cursor, a ticket or a link
// signed on a request no longer pays for an import as well.
const hmacKeys = new Map<string, Promise<CryptoKey>>();

export function hmacKey(secret: string): Promise<CryptoKey> {
  let key = hmacKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    hmacKeys.set(secret, key);
    key.catch(() => hmacKeys.delete(secret));
  }
  return key;
}

/** `payload.signature`, both base64url; the signature covers the payload bytes. */
export async function signToken(secret: string, payload: string): Promise<string> {
  const key = await hmacKey(secret);
  const body = base64url(encoder.encode(payload));
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(body)));
  return `${body}.${base64url(signature)}`;
}

/** The payload of a token made by `signToken`, or null when it was altered or is malformed. */
export async function verifyToken(secret: string, token: string): Promise<string | null> {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const signatureBytes = fromBase64url(signature);
  const bodyBytes = fromBase64url(body);
  if (!signatureBytes || !bodyBytes) return null;
  const key = await hmacKey(secret);
  const ok = await crypto.subtle.verify('HMAC', key, signatureBytes, encoder.encode(body));
  return ok ? new TextDecoder().decode(bodyBytes) : null;
}
