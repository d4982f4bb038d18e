import { env } from 'cloudflare:workers';
import { base64url, decodeJwt, decodeProtectedHeader, importJWK, type JWTHeaderParameters, type JWTPayload, SignJWT } from 'jose';
import { call, randomIp } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';

/** The signing keys the test worker was given (vitest.config.mts): [current, previous]. */
export function testKeys(): Array<{ kid: string } & JsonWebKey> {
  return JSON.parse(env.JWT_SIGNING_KEYS as string);
}

export const tokenIssuerClaims = () => ({ iss: env.APP_ORIGIN as string, aud: `${env.APP_ORIGIN as string}/api` });

export async function passwordGrant(email: string, password: string, ip = randomIp()) {
  return call('POST', '/api/v1/auth/token', { body: { grant_type: 'password', email, password }, ip });
}

export async function refresh(refreshToken: string) {
  return call('POST', '/api/v1/auth/token', { body: { grant_type: 'refresh_token', refresh_token: refreshToken } });
}

export async function tokensFor(account: { email: string; password: string }) {
  const res = await passwordGrant(account.email, account.password);
  if (res.status !== 200) throw new Error(`token grant failed: ${res.status} ${res.text}`);
  return res.json as { access_token: string; refresh_token: string; expires_in: number; token_type: string };
}

export const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

export function claimsOf(accessToken: string) {
  return { header: decodeProtectedHeader(accessToken), payload: decodeJwt(accessToken) };
}

/** Signs any header and payload with one of the test worker's own keys (or another key). */
export async function forge(header: Partial<JWTHeaderParameters>, payload: JWTPayload, key: JsonWebKey = testKeys()[0] as JsonWebKey) {
  const signer = await importJWK(key, (header.alg as string | undefined) ?? 'ES256');
  return new SignJWT(payload).setProtectedHeader({ alg: 'ES256', ...header } as JWTHeaderParameters).sign(signer);
}

/** The claims a valid access token for this family carries, to be varied one at a time. */
export function validClaims(sub: string, fam: string): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  return { ...tokenIssuerClaims(), sub, fam, iat: now, nbf: now, exp: now + 600, jti: crypto.randomUUID() };
}

export async function auditActions(userId: string) {
  const rows =
    (await inspectSql()`select action, actor_type, metadata from audit_log where target_id = ${userId} order by created_at, id`) as Array<{
      action: string;
      actor_type: string;
      metadata: Record<string, unknown> | null;
    }>;
  return rows;
}

/** Signs with WebCrypto directly, for headers a JOSE library refuses to produce (e.g. `crit`). */
export async function signRaw(header: Record<string, unknown>, payload: JWTPayload, key: JsonWebKey = testKeys()[0] as JsonWebKey) {
  const encode = (value: unknown) => base64url.encode(JSON.stringify(value));
  const signingInput = `${encode(header)}.${encode(payload)}`;
  const signer = await crypto.subtle.importKey(
    'jwk',
    { ...key, key_ops: undefined, ext: undefined },
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['sign'],
  );
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, signer, new TextEncoder().encode(signingInput));
  return `${signingInput}.${base64url.encode(new Uint8Array(signature))}`;
}
