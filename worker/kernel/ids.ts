import { uuidv7, uuidv7obj } from 'uuidv7';
import { AppError } from './errors.ts';

/**
 * Rows are keyed by UUIDv7; the API shows them with a type prefix so that an id says what it is
 * and an id of one kind can never be mistaken for another. Each module declares its kinds with
 * `publicIdKind` in its `<m>.ids.ts`, listed in its manifest (`ids`); a test checks that no two
 * prefixes collide across this table and every registered module. This table holds the kinds the
 * layers below the modules show: the workspace the tenant link parses, the request id, and the
 * person every actor is.
 */
export const idPrefixes = {
  user: 'usr',
  workspace: 'ws',
  request: 'req',
} as const;

export type IdKind = keyof typeof idPrefixes;

export function newUuid(): string {
  return uuidv7();
}

// A public id's body is the uuid's 128 bits as a base36 number, 25 digits. The arithmetic runs on
// eight 16-bit words (most significant first) in five steps of five digits (36^5 < 2^26), so every
// intermediate value stays an exact integer below 2^53: no BigInt on the request path.
const wordBase = 0x10000;
const fiveDigits = 36 ** 5;

// Value of each ASCII hex digit, -1 for anything else.
const hexDigit = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) hexDigit[48 + i] = i;
for (let i = 0; i < 6; i++) {
  hexDigit[65 + i] = 10 + i;
  hexDigit[97 + i] = 10 + i;
}

/** The words of a canonical uuid (8-4-4-4-12 hex digits, either case), or null for any other text. */
function canonicalUuidToWords(uuid: string): number[] | null {
  if (uuid.length !== 36) return null;
  const words = [0, 0, 0, 0, 0, 0, 0, 0];
  let word = 0;
  let digits = 0;
  for (let i = 0; i < 36; i++) {
    const code = uuid.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (code !== 45) return null;
      continue;
    }
    const value = code < 128 ? (hexDigit[code] as number) : -1;
    if (value < 0) return null;
    words[word] = (words[word] as number) * 16 + value;
    if (++digits === 4) {
      digits = 0;
      word++;
    }
  }
  return words;
}

/** The uuid's 128 bits as eight 16-bit words. */
function uuidToWords(uuid: string): number[] {
  const words = canonicalUuidToWords(uuid);
  if (words) return words;
  // Anything else is read byte by byte, as always: a byte that is not two hex digits counts as 0.
  const h = uuid.replaceAll('-', '');
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = Number.parseInt(h.slice(i * 2, i * 2 + 2), 16);
  return bytesToWords(bytes);
}

/** 16 bytes (most significant first) as eight 16-bit words. */
function bytesToWords(bytes: Uint8Array): number[] {
  return Array.from({ length: 8 }, (_, i) => (bytes[i * 2] as number) * 256 + (bytes[i * 2 + 1] as number));
}

function wordsToUuid(words: readonly number[]): string {
  const h = words.map((w) => w.toString(16).padStart(4, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** 128 bits as 25 base36 characters: short, case-insensitive, URL-safe. Consumes `words`. */
function encodeBase36(words: number[]): string {
  let text = '';
  for (let step = 0; step < 5; step++) {
    // words = words / 36^5; the remainder is the next five digits, least significant first.
    let remainder = 0;
    for (let i = 0; i < 8; i++) {
      const current = remainder * wordBase + (words[i] as number);
      const quotient = Math.floor(current / fiveDigits);
      words[i] = quotient;
      remainder = current - quotient * fiveDigits;
    }
    text = remainder.toString(36).padStart(5, '0') + text;
  }
  return text;
}

const base36Body = /^[0-9a-z]{25}$/;

function decodeBase36(text: string): number[] | null {
  if (!base36Body.test(text)) return null;
  const words = [0, 0, 0, 0, 0, 0, 0, 0];
  for (let step = 0; step < 5; step++) {
    // words = words * 36^5 + the next five digits; a carry out of the top word means 2^128 or more.
    let carry = Number.parseInt(text.slice(step * 5, step * 5 + 5), 36);
    for (let i = 7; i >= 0; i--) {
      const current = (words[i] as number) * fiveDigits + carry;
      carry = Math.floor(current / wordBase);
      words[i] = current - carry * wordBase;
    }
    if (carry !== 0) return null;
  }
  return words;
}

export function toPublicId(kind: IdKind, uuid: string): string {
  return `${idPrefixes[kind]}_${encodeBase36(uuidToWords(uuid))}`;
}

/** A fresh public id for a kind with no row behind it (the request id): a UUIDv7 encoded from its bytes, never as text. */
export function mintPublicId(kind: IdKind): string {
  return `${idPrefixes[kind]}_${encodeBase36(bytesToWords(uuidv7obj().bytes))}`;
}

/** The row uuid behind a public id, or null when the text is not an id of that kind. */
export function parsePublicId(kind: IdKind, publicId: string): string | null {
  const prefix = `${idPrefixes[kind]}_`;
  if (!publicId.startsWith(prefix)) return null;
  const words = decodeBase36(publicId.slice(prefix.length));
  return words ? wordsToUuid(words) : null;
}

/** A module's own id kind: its prefix and the three conversions, with no entry in the platform table. */
export interface PublicIdKind {
  readonly kind: string;
  readonly prefix: string;
  toPublic(uuid: string): string;
  parse(publicId: string): string | null;
  /** Like `parse`, but a malformed id reads as a missing resource (404). */
  require(publicId: string, what: string): string;
}

const prefixPattern = /^[a-z]{2,5}$/;

/**
 * @example export const projectIds = publicIdKind('project', 'prj');
 */
export function publicIdKind(kind: string, prefix: string): PublicIdKind {
  if (!prefixPattern.test(prefix)) throw new Error(`Id prefix "${prefix}" must be 2 to 5 lowercase letters`);
  const parse = (publicId: string) => {
    if (!publicId.startsWith(`${prefix}_`)) return null;
    const words = decodeBase36(publicId.slice(prefix.length + 1));
    return words ? wordsToUuid(words) : null;
  };
  return Object.freeze({
    kind,
    prefix,
    toPublic: (uuid: string) => `${prefix}_${encodeBase36(uuidToWords(uuid))}`,
    parse,
    require(publicId: string, what: string) {
      const uuid = parse(publicId);
      if (!uuid) throw new AppError('NOT_FOUND', `${what} not found`);
      return uuid;
    },
  });
}
