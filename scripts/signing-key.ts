import { generateKeyPairSync, randomBytes } from 'node:crypto';

/** A new ES256 private JWK for JWT_SIGNING_KEYS, with a random `kid`. */
export function newSigningKey(kid = `key-${new Date().toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`) {
  const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  return { ...jwk, kid, alg: 'ES256' };
}

/** JWT_SIGNING_KEYS with one new key: the value a fresh deployment or dev stack starts with. */
export function newSigningKeys(): string {
  return JSON.stringify([newSigningKey()]);
}
