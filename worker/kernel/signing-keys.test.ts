import { describe, expect, it } from 'vitest';
import { configSchema } from './config.ts';
import { publicJwk, signingKeysSchema } from './signing-keys.ts';

const key = (kid: string) => ({ kty: 'EC', crv: 'P-256', kid, x: 'eA', y: 'eQ', d: 'ZA' });

describe('JWT_SIGNING_KEYS', () => {
  it('is optional', () => {
    expect(signingKeysSchema.parse(undefined)).toBeUndefined();
    expect(signingKeysSchema.parse('')).toBeUndefined();
  });

  it('accepts an array of ES256 private JWKs with distinct kids, the first one first', () => {
    const parsed = signingKeysSchema.parse(JSON.stringify([key('new'), key('old')]));
    expect(parsed?.map((k) => k.kid)).toEqual(['new', 'old']);
  });

  it.each([
    ['not JSON', '{oops', 'must be a JSON array of private JWKs'],
    ['an empty array', '[]', 'ES256 private JWKs'],
    ['a public key only', JSON.stringify([{ ...key('a'), d: undefined }]), 'ES256 private JWKs'],
    ['another curve', JSON.stringify([{ ...key('a'), crv: 'P-384' }]), 'ES256 private JWKs'],
    ['a key without kid', JSON.stringify([{ ...key('a'), kid: undefined }]), 'ES256 private JWKs'],
    ['two keys with one kid', JSON.stringify([key('a'), key('a')]), 'every key needs its own kid'],
  ])('refuses %s with a clear message', (_name, value, message) => {
    const result = configSchema.shape.JWT_SIGNING_KEYS.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(message);
  });

  it('publishes only the public half', () => {
    expect(publicJwk({ ...key('a'), kty: 'EC', crv: 'P-256' })).toEqual({
      kty: 'EC',
      crv: 'P-256',
      x: 'eA',
      y: 'eQ',
      kid: 'a',
      alg: 'ES256',
      use: 'sig',
    });
  });
});
