import { describe, expect, it } from 'vitest';
import { base64url, fromBase64url, signToken } from './crypto.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { AppError } from './errors.ts';

const secret = 'cursor-test-secret-cursor-test-secret-0123';
const query = 'projects|-created_at|';
const position = { value: '2026-01-02T03:04:05.678Z', id: '01936a3e-7c1f-7000-8000-000000000001' };
const encoder = new TextEncoder();

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('the cursor was accepted');
}

const expectInvalid = async (cursor: string, q = query, s = secret) =>
  expect((await refusal(decodeCursor(s, q, cursor))).code).toBe('INVALID_CURSOR');

describe('pagination cursors', () => {
  it('round-trip the position', async () => {
    const cursor = await encodeCursor(secret, query, position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(await decodeCursor(secret, query, cursor)).toEqual(position);
    const unicode = { value: 'Ärger — 名前 "quoted" \\ slash', id: position.id };
    expect(await decodeCursor(secret, 'projects|name|', await encodeCursor(secret, 'projects|name|', unicode))).toEqual(unicode);
  });

  it('refuse an altered payload', async () => {
    const cursor = await encodeCursor(secret, query, position);
    const [body = '', signature = ''] = cursor.split('.');
    // Same signature, another position.
    const forged = base64url(encoder.encode(JSON.stringify({ q: query, v: '1970-01-01T00:00:00.000Z', i: position.id })));
    await expectInvalid(`${forged}.${signature}`);
    // One character changed.
    const flipped = body.slice(0, 5) + (body[5] === 'A' ? 'B' : 'A') + body.slice(6);
    await expectInvalid(`${flipped}.${signature}`);
  });

  it('refuse an altered or missing signature', async () => {
    const cursor = await encodeCursor(secret, query, position);
    const [body = '', signature = ''] = cursor.split('.');
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    await expectInvalid(`${body}.${flipped}`);
    await expectInvalid(`${body}.`);
    await expectInvalid(body);
    await expectInvalid(`${body}.${signature}.${signature}`);
    await expectInvalid(`${body}.${signature.slice(0, -1)}`);
    await expectInvalid(`${body}.${signature}=`);
    await expectInvalid('');
    await expectInvalid('.');
  });

  it('refuse a cursor made with another secret', async () => {
    const cursor = await encodeCursor(`${secret}-other`, query, position);
    await expectInvalid(cursor);
  });

  it('refuse a cursor of another query', async () => {
    const cursor = await encodeCursor(secret, query, position);
    await expectInvalid(cursor, 'projects|name|');
    await expectInvalid(cursor, 'projects|-created_at|active');
    const error = await refusal(decodeCursor(secret, 'projects|name|', cursor));
    expect(error.message).toBe('The cursor belongs to another query');
  });

  it('refuse a correctly signed token that is not a cursor', async () => {
    for (const payload of [
      'not json',
      'null',
      '[]',
      '42',
      JSON.stringify({ q: query, v: 1, i: position.id }),
      JSON.stringify({ q: query }),
    ]) {
      await expectInvalid(await signToken(secret, payload));
    }
  });

  it('decode base64url strictly enough for the signature check', () => {
    expect(fromBase64url('a+b/')).toBeNull();
    expect(fromBase64url('abc=')).toBeNull();
    expect(fromBase64url('a')).toBeNull();
    expect(fromBase64url('')).toEqual(new Uint8Array());
    const bytes = crypto.getRandomValues(new Uint8Array(33));
    expect(fromBase64url(base64url(bytes))).toEqual(bytes);
  });
});
