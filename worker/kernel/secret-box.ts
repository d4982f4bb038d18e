import { base64url, fromBase64url } from './crypto.ts';

/**
 * Seals small secrets kept in the database (an SSO connection's client secret) with AES-256-GCM
 * under a key derived from APP_SECRET by HKDF, bound to a purpose: a database dump alone does not
 * reveal them. Format: `v1.<iv>.<ciphertext>`, both base64url.
 */
const encoder = new TextEncoder();

async function keyFor(appSecret: string, purpose: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', encoder.encode(appSecret), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: encoder.encode('edge-saas/secret-box'), info: encoder.encode(purpose) },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function seal(appSecret: string, purpose: string, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await keyFor(appSecret, purpose);
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, encoder.encode(plaintext)));
  return `v1.${base64url(iv)}.${base64url(sealed)}`;
}

/** The plaintext, or null when the box was altered, sealed for another purpose or under another secret. */
export async function unseal(appSecret: string, purpose: string, box: string): Promise<string | null> {
  const [version, ivText, dataText, extra] = box.split('.');
  if (version !== 'v1' || !ivText || !dataText || extra !== undefined) return null;
  const iv = fromBase64url(ivText);
  const data = fromBase64url(dataText);
  if (!iv || !data) return null;
  try {
    const key = await keyFor(appSecret, purpose);
    return new TextDecoder().decode(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, data));
  } catch {
    return null;
  }
}
