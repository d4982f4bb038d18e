import { afterEach, describe, expect, it, vi } from 'vitest';
import { hmacKey, randomIdHex, signToken, verifyToken } from './crypto.ts';

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

describe('random identifier hex (trace and span ids)', () => {
  it('reads distinct ids from a pool, asking the runtime for bytes once per 4 KiB', () => {
    const getRandomValues = vi.spyOn(crypto, 'getRandomValues');
    const ids = Array.from({ length: 1024 }, (_, i) => randomIdHex(i % 2 === 0 ? 16 : 8));
    for (const [i, id] of ids.entries()) expect(id).toMatch(i % 2 === 0 ? /^[0-9a-f]{32}$/ : /^[0-9a-f]{16}$/);
    expect(new Set(ids).size).toBe(1024);
    // 1024 ids of 12 bytes on average are 12 KiB: three or four refills, wherever the pool stood.
    expect(getRandomValues.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(getRandomValues.mock.calls.length).toBeLessThanOrEqual(4);
  });

  it('refuses more bytes than the pool holds', () => {
    expect(() => randomIdHex(4097)).toThrow(RangeError);
  });
});
