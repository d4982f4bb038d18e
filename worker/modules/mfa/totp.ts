import { encodeBase32NoPadding } from '@oslojs/encoding';
import { createTOTPKeyURI, generateHOTP, verifyHOTP } from '@oslojs/otp';
import { base64url, fromBase64url } from '../../kernel/crypto.ts';

/** RFC 6238 parameters every authenticator app understands: SHA-1, 30-second steps, six digits. */
export const totpPeriodSeconds = 30;
export const totpDigits = 6;
/** A code from the step before or after the current one is still accepted (clock drift). */
export const totpWindowSteps = 1;
const secretBytes = 20;

export const newTotpSecret = (): Uint8Array => crypto.getRandomValues(new Uint8Array(secretBytes));

export const totpStepAt = (unixMs: number): number => Math.floor(unixMs / 1000 / totpPeriodSeconds);

/** The code for the time step containing `unixMs` (RFC 6238 with the HOTP of RFC 4226). */
export function totpAt(key: Uint8Array, unixMs: number, digits = totpDigits): string {
  return generateHOTP(key, BigInt(totpStepAt(unixMs)), digits);
}

/**
 * The time step whose code `code` is, looking at the current step and one on either side, or
 * null. The caller refuses a step at or before the last one it accepted (no code works twice).
 */
export function matchTotpStep(key: Uint8Array, code: string, unixMs: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const now = totpStepAt(unixMs);
  for (let step = now - totpWindowSteps; step <= now + totpWindowSteps; step++) {
    if (verifyHOTP(key, BigInt(step), totpDigits, code)) return step;
  }
  return null;
}

export const totpSecretText = (key: Uint8Array) => encodeBase32NoPadding(key);

export const totpUri = (issuer: string, account: string, key: Uint8Array) =>
  createTOTPKeyURI(issuer, account, key, totpPeriodSeconds, totpDigits);

// The secret at rest: AES-256-GCM under a key derived (HKDF-SHA256) from APP_SECRET, with the
// person's id as additional data so a ciphertext moved to another row does not decrypt.
const encoder = new TextEncoder();
const keyCache = new Map<string, Promise<CryptoKey>>();

function encryptionKey(appSecret: string): Promise<CryptoKey> {
  let key = keyCache.get(appSecret);
  if (!key) {
    key = (async () => {
      const material = await crypto.subtle.importKey('raw', encoder.encode(appSecret), 'HKDF', false, ['deriveKey']);
      return crypto.subtle.deriveKey(
        { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode('totp-secret/v1') },
        material,
        { name: 'AES-GCM', length: 256 },
        false,
        ['encrypt', 'decrypt'],
      );
    })();
    keyCache.set(appSecret, key);
  }
  return key;
}

/** `v1.<iv>.<ciphertext>`, both base64url. */
export async function encryptTotpSecret(appSecret: string, userId: string, secret: Uint8Array): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(userId) },
    await encryptionKey(appSecret),
    new Uint8Array(secret),
  );
  return `v1.${base64url(iv)}.${base64url(new Uint8Array(sealed))}`;
}

export async function decryptTotpSecret(appSecret: string, userId: string, stored: string): Promise<Uint8Array> {
  const [version, ivText, sealedText] = stored.split('.');
  const iv = fromBase64url(ivText ?? '');
  const sealed = fromBase64url(sealedText ?? '');
  if (version !== 'v1' || !iv || !sealed) throw new Error('Unreadable TOTP secret');
  const opened = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(userId) },
    await encryptionKey(appSecret),
    sealed,
  );
  return new Uint8Array(opened);
}
