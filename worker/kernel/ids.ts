import { uuidv7 } from 'uuidv7';
import { AppError } from './errors.ts';

/**
 * Rows are keyed by UUIDv7; the API shows them with a type prefix so that an id says what it is
 * and an id of one kind can never be mistaken for another. This table is the only registry.
 */
export const idPrefixes = {
  user: 'usr',
  session: 'ses',
  workspace: 'ws',
  membership: 'mem',
  apiKey: 'key',
  project: 'prj',
  auditLog: 'aud',
  auditExport: 'aex',
  request: 'req',
} as const;

export type IdKind = keyof typeof idPrefixes;

export function newUuid(): string {
  return uuidv7();
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

function uuidToBytes(uuid: string): Uint8Array {
  const h = uuid.replaceAll('-', '');
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = Number.parseInt(h.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function bytesToUuid(bytes: Uint8Array): string {
  const h = hex(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';

/** 128 bits as 25 base36 characters: short, case-insensitive, URL-safe. */
function encodeBase36(bytes: Uint8Array): string {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  let s = '';
  while (n > 0n) {
    s = alphabet[Number(n % 36n)] + s;
    n /= 36n;
  }
  return s.padStart(25, '0');
}

function decodeBase36(text: string): Uint8Array | null {
  if (!/^[0-9a-z]{25}$/.test(text)) return null;
  let n = 0n;
  for (const ch of text) n = n * 36n + BigInt(alphabet.indexOf(ch));
  if (n >> 128n !== 0n) return null;
  const out = new Uint8Array(16);
  for (let i = 15; i >= 0; i--) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

export function toPublicId(kind: IdKind, uuid: string): string {
  return `${idPrefixes[kind]}_${encodeBase36(uuidToBytes(uuid))}`;
}

/** The row uuid behind a public id, or null when the text is not an id of that kind. */
export function parsePublicId(kind: IdKind, publicId: string): string | null {
  const prefix = `${idPrefixes[kind]}_`;
  if (!publicId.startsWith(prefix)) return null;
  const bytes = decodeBase36(publicId.slice(prefix.length));
  return bytes ? bytesToUuid(bytes) : null;
}

/** Like parsePublicId, but a malformed id reads as a missing resource (404), never a 400 or 500. */
export function requirePublicId(kind: IdKind, publicId: string, what: string): string {
  const uuid = parsePublicId(kind, publicId);
  if (!uuid) throw new AppError('NOT_FOUND', `${what} not found`);
  return uuid;
}
