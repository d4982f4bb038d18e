import { afterEach, describe, expect, it, vi } from 'vitest';
import { hmacKey, signToken, verifyToken } from './crypto.ts';

afterEach(() => vi.restoreAllMocks());

describe('HMAC keys', () => {
  it('are imported once per secret and isolate, whatever the number of tokens signed and checked', async () => {
    const importKey = vi.spyOn(crypto.subtle, 'importKey');
    const secret = `crypto-test-${crypto.randomUUID()}`;
    const tokens = await Promise.all(['a', 'b', 'c'].map((payload) => signToken(secret, payload)));
    expect(await Promise.all(tokens.map((token) => verifyToken(secret, token)))).toEqual(['a', 'b', 'c']);
    expect(importKey).toHaveBeenCalledTimes(1);

    const other = `crypto-test-${crypto.randomUUID()}`;
    expect(await verifyToken(other, tokens[0] as string)).toBeNull();
    expect(importKey).toHaveBeenCalledTimes(2);
    expect(await hmacKey(secret)).toBe(await hmacKey(secret));
  });
});
