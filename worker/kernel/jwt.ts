import { decodeProtectedHeader, importJWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { randomToken } from './crypto.ts';
import { type PrivateSigningJwk, publicJwk } from './signing-keys.ts';

/** RFC 9068's media type for access tokens; refresh and verification tokens never carry it. */
export const accessTokenType = 'at+jwt';
export const accessTokenTtlSeconds = 15 * 60;
export const accessTokenAlgorithm = 'ES256';

export interface TokenIssuer {
  /** `iss`: the app's origin. */
  issuer: string;
  /** `aud`: the app's API. */
  audience: string;
  /** The first key signs; all verify. */
  keys: readonly PrivateSigningJwk[];
}

export interface AccessTokenClaims {
  userId: string;
  familyId: string;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Importing a key costs CPU; the imported key depends only on configuration, never on a request.
const imported = new Map<string, CryptoKey>();

async function cryptoKey(jwk: PrivateSigningJwk, half: 'private' | 'public'): Promise<CryptoKey> {
  const cacheKey = `${half}:${jwk.kid}:${jwk.x}:${jwk.y}`;
  const known = imported.get(cacheKey);
  if (known) return known;
  const key = (await importJWK(half === 'private' ? jwk : publicJwk(jwk), accessTokenAlgorithm)) as CryptoKey;
  imported.set(cacheKey, key);
  return key;
}

/** A signed access token for one person and token family, valid for `accessTokenTtlSeconds`. */
export async function signAccessToken(issuer: TokenIssuer, claims: AccessTokenClaims): Promise<string> {
  const signer = issuer.keys[0];
  if (!signer) throw new Error('No signing key');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ fam: claims.familyId })
    .setProtectedHeader({ alg: accessTokenAlgorithm, typ: accessTokenType, kid: signer.kid })
    .setIssuer(issuer.issuer)
    .setAudience(issuer.audience)
    .setSubject(claims.userId)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + accessTokenTtlSeconds)
    .setJti(randomToken(16))
    .sign(await cryptoKey(signer, 'private'));
}

// Headers that would let a token choose its own verification key, or demand extensions we do not know.
const refusedHeaders = ['jwk', 'jku', 'x5c', 'x5u', 'x5t', 'x5t#S256', 'crit'];

/**
 * The claims of a valid access token, or null. Refused: any algorithm but ES256 (`none` included),
 * a missing or unknown `kid`, keys embedded in or referenced from the header, a `typ` other than
 * `at+jwt` (so refresh and verification tokens never pass as access tokens), a wrong `iss` or
 * `aud`, and a token expired, not yet valid or issued longer ago than an access token lives.
 */
export async function verifyAccessToken(issuer: TokenIssuer, token: string): Promise<AccessTokenClaims | null> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return null;
  }
  if (header.alg !== accessTokenAlgorithm || refusedHeaders.some((name) => name in header)) return null;
  const key = issuer.keys.find((k) => k.kid === header.kid);
  if (!key) return null;
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, await cryptoKey(key, 'public'), {
      algorithms: [accessTokenAlgorithm],
      typ: accessTokenType,
      issuer: issuer.issuer,
      audience: issuer.audience,
      requiredClaims: ['sub', 'exp', 'iat', 'nbf', 'jti'],
      maxTokenAge: accessTokenTtlSeconds,
    }));
  } catch {
    return null;
  }
  const { sub, fam } = payload;
  if (typeof sub !== 'string' || typeof fam !== 'string' || !uuidPattern.test(sub) || !uuidPattern.test(fam)) return null;
  return { userId: sub, familyId: fam };
}

/** Issuer settings from configuration; null while no signing key is configured. */
export function tokenIssuer(config: {
  APP_ORIGIN: string;
  JWT_SIGNING_KEYS?: readonly PrivateSigningJwk[] | undefined;
}): TokenIssuer | null {
  if (!config.JWT_SIGNING_KEYS?.length) return null;
  return { issuer: config.APP_ORIGIN, audience: `${config.APP_ORIGIN}/api`, keys: config.JWT_SIGNING_KEYS };
}
