import { base64url, exportJWK, generateKeyPair, type JWTHeaderParameters, type JWTPayload, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, signUp } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { bearer, claimsOf, forge, signRaw, testKeys, tokensFor, validClaims } from './token-test-helpers.ts';
import { parsePublicId } from '../../kernel/ids.ts';

const encode = (value: unknown) => base64url.encode(JSON.stringify(value));

/**
 * Each case changes one thing about an otherwise valid access token (the baseline, which must
 * pass) and must be refused with 401. The forged tokens are signed with the worker's own key
 * unless the case is about the key.
 */
describe('access token verification matrix', () => {
  let sub: string;
  let fam: string;
  let otherUser: string;
  let refreshToken: string;
  let attacker: { privateKey: CryptoKey; publicJwk: Awaited<ReturnType<typeof exportJWK>> };
  const header = { alg: 'ES256', typ: 'at+jwt', kid: 'test-current' } as const;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    const account = await signUp();
    const tokens = await tokensFor(account);
    ({ sub, fam } = claimsOf(tokens.access_token).payload as { sub: string; fam: string });
    refreshToken = tokens.refresh_token;
    otherUser = parsePublicId('user', (await signUp('Other')).user.id) as string;
    const pair = await generateKeyPair('ES256', { extractable: true });
    attacker = { privateKey: pair.privateKey, publicJwk: await exportJWK(pair.publicKey) };
  }, 30_000);

  const signedBy = (key: CryptoKey, h: Partial<JWTHeaderParameters>, p: JWTPayload) =>
    new SignJWT(p).setProtectedHeader({ ...header, ...h } as JWTHeaderParameters).sign(key);

  const cases: Array<[string, () => Promise<string>]> = [
    ['alg none', async () => `${encode({ alg: 'none', typ: 'at+jwt', kid: 'test-current' })}.${encode(validClaims(sub, fam))}.`],
    [
      'HS256 keyed with the public key (algorithm confusion)',
      async () => {
        const publicKey = JSON.stringify(testKeys()[0]);
        return new SignJWT(validClaims(sub, fam))
          .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: 'test-current' })
          .sign(new TextEncoder().encode(publicKey));
      },
    ],
    [
      'RS256 from another key under our kid',
      async () => {
        const rsa = await generateKeyPair('RS256');
        return new SignJWT(validClaims(sub, fam))
          .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: 'test-current' })
          .sign(rsa.privateKey);
      },
    ],
    ['ES256 signed by another key under our kid', () => signedBy(attacker.privateKey, {}, validClaims(sub, fam))],
    ['unknown kid (our own key)', () => forge({ ...header, kid: 'retired-long-ago' }, validClaims(sub, fam))],
    ['unknown kid (another key)', () => signedBy(attacker.privateKey, { kid: 'attacker' }, validClaims(sub, fam))],
    ['no kid', () => forge({ alg: 'ES256', typ: 'at+jwt' }, validClaims(sub, fam))],
    [
      'key embedded in the header (jwk), signed by that key',
      () =>
        signedBy(attacker.privateKey, { kid: undefined, jwk: attacker.publicJwk } as Partial<JWTHeaderParameters>, validClaims(sub, fam)),
    ],
    [
      'key embedded in the header (jwk), even our own',
      () =>
        forge(
          { ...header, jwk: { kty: 'EC', crv: 'P-256', x: testKeys()[0]?.x, y: testKeys()[0]?.y } } as Partial<JWTHeaderParameters>,
          validClaims(sub, fam),
        ),
    ],
    ['key referenced from the header (jku)', () => forge({ ...header, jku: 'https://attacker.example/jwks.json' }, validClaims(sub, fam))],
    [
      'certificate referenced from the header (x5u)',
      () => forge({ ...header, x5u: 'https://attacker.example/cert.pem' }, validClaims(sub, fam)),
    ],
    ['certificate chain in the header (x5c)', () => forge({ ...header, x5c: ['MIIB'] }, validClaims(sub, fam))],
    ['critical extension', () => signRaw({ ...header, crit: ['x-policy'], 'x-policy': 'ignore-me' }, validClaims(sub, fam))],
    ['expired', () => forge(header, { ...validClaims(sub, fam), iat: now() - 1000, nbf: now() - 1000, exp: now() - 100 })],
    ['not yet valid (nbf)', () => forge(header, { ...validClaims(sub, fam), nbf: now() + 120 })],
    ['issued in the future (iat)', () => forge(header, { ...validClaims(sub, fam), iat: now() + 120 })],
    [
      'issued longer ago than an access token lives',
      () => forge(header, { ...validClaims(sub, fam), iat: now() - 3600, nbf: now() - 3600 }),
    ],
    ['without exp', () => forge(header, { ...validClaims(sub, fam), exp: undefined })],
    ['wrong iss', () => forge(header, { ...validClaims(sub, fam), iss: 'https://attacker.example' })],
    ['wrong aud', () => forge(header, { ...validClaims(sub, fam), aud: 'https://other-service.example' })],
    ['no aud', () => forge(header, { ...validClaims(sub, fam), aud: undefined })],
    ['typ JWT', () => forge({ ...header, typ: 'JWT' }, validClaims(sub, fam))],
    ['no typ', () => forge({ alg: 'ES256', kid: 'test-current' }, validClaims(sub, fam))],
    ['a refresh token in JWT form (typ refresh+jwt)', () => forge({ ...header, typ: 'refresh+jwt' }, validClaims(sub, fam))],
    ['a verification token (typ verification+jwt)', () => forge({ ...header, typ: 'verification+jwt' }, validClaims(sub, fam))],
    ['the refresh token itself', async () => refreshToken],
    [
      'payload altered after signing',
      async () => {
        const [h, , s] = (await forge(header, validClaims(sub, fam))).split('.');
        return `${h}.${encode(validClaims(otherUser, fam))}.${s}`;
      },
    ],
    ['a validly signed token naming someone else as sub for this family', () => forge(header, validClaims(otherUser, fam))],
    ['a family that does not exist', () => forge(header, validClaims(sub, crypto.randomUUID()))],
    ['sub that is not a user id', () => forge(header, validClaims('admin', fam))],
  ];

  it('accepts the baseline', async () => {
    const res = await call('GET', '/api/v1/me', bearer(await forge(header, validClaims(sub, fam))));
    expect(res.status).toBe(200);
  });

  it('accepts the baseline signed without a library, as the crit case is', async () => {
    const res = await call('GET', '/api/v1/me', bearer(await signRaw(header, validClaims(sub, fam))));
    expect(res.status).toBe(200);
  });

  it.each(cases)('refuses: %s', async (_name, make) => {
    const res = await call('GET', '/api/v1/me', bearer(await make()));
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a token of a revoked family (revocation needs no expiry)', async () => {
    const token = await forge(header, validClaims(sub, fam));
    await inspectSql()`update token_family set revoked_at = now() where id = ${fam}`;
    expect((await call('GET', '/api/v1/me', bearer(token))).status).toBe(401);
  });
});
