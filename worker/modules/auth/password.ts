import { base64url, fromBase64url } from '../../kernel/crypto.ts';

/**
 * PBKDF2-SHA256 through WebCrypto. The edge refuses more than 100,000 iterations, so that is the
 * ceiling; the parameters live in the stored string, so a later change re-hashes at the next log-in.
 * Why not scrypt, bcrypt or argon2: docs/decisions/001-password-hashing.md.
 */
export const pbkdf2Iterations = 100_000;
const saltBytes = 16;
const keyBits = 256;

const encoder = new TextEncoder();

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, keyBits);
  return new Uint8Array(bits);
}

export async function hashPassword(password: string, iterations = pbkdf2Iterations): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(saltBytes));
  const hash = await derive(password, salt, iterations);
  return `pbkdf2-sha256$${iterations}$${base64url(salt)}$${base64url(hash)}`;
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/**
 * `stored` is null for an account that has no password (it signs in through a linked identity):
 * the decoy is derived anyway, so such an account costs and answers like a wrong password.
 */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (stored === null) {
    await verifyPassword(password, decoyHash);
    return false;
  }
  const [scheme, iterationsText, saltText, hashText] = stored.split('$');
  const iterations = Number(iterationsText);
  const salt = fromBase64url(saltText ?? '');
  const expected = fromBase64url(hashText ?? '');
  if (scheme !== 'pbkdf2-sha256' || !Number.isInteger(iterations) || !salt || !expected) return false;
  return constantTimeEqual(await derive(password, salt, iterations), expected);
}

/** True when a stored hash was made with other parameters than today's and should be replaced. */
export function needsRehash(stored: string): boolean {
  return !stored.startsWith(`pbkdf2-sha256$${pbkdf2Iterations}$`);
}

/** A fixed hash to verify against when the account does not exist, so both paths cost the same. */
export const decoyHash = `pbkdf2-sha256$${pbkdf2Iterations}$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;
