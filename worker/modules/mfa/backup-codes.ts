import { hmacKey, toHex } from '../../kernel/crypto.ts';

export const backupCodeCount = 10;

// Crockford's base32 (no i, l, o, u): 32 symbols, so `byte & 31` is unbiased; ten carry 50 bits.
const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
const encoder = new TextEncoder();

/** `xxxxx-xxxxx`, lowercase. */
export function newBackupCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  const symbols = Array.from(bytes, (b) => alphabet[b & 31]).join('');
  return `${symbols.slice(0, 5)}-${symbols.slice(5)}`;
}

/** What a person may type: any case, spaces or dashes anywhere, and o, i, l read as 0, 1, 1. */
export const normalizeBackupCode = (input: string) => input.toLowerCase().replace(/[\s-]/g, '').replaceAll('o', '0').replace(/[il]/g, '1');

/**
 * A keyed hash (HMAC-SHA256 under APP_SECRET): the codes are random, so a slow hash adds nothing,
 * and the key means a copy of the table alone cannot be checked against guesses.
 */
export async function hashBackupCode(appSecret: string, code: string): Promise<string> {
  const key = await hmacKey(`backup-code/v1:${appSecret}`);
  return toHex(await crypto.subtle.sign('HMAC', key, encoder.encode(normalizeBackupCode(code))));
}
