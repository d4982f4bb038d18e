import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import type { Config } from '../kernel/config.ts';
import type { PresentedCredential } from '../kernel/credential.ts';
import { patScopes } from '../kernel/credential.ts';
import { sha256Hex } from '../kernel/crypto.ts';
import { AppError } from '../kernel/errors.ts';
import { tokenIssuer, verifyAccessToken } from '../kernel/jwt.ts';
import { scopesAllowMethod } from '../kernel/permissions.ts';

export const sessionCookieName = '__Host-session';
export const apiKeyPrefix = 'sk_live_';

export type Credential = PresentedCredential;

const sessionTokenPattern = /^[A-Za-z0-9_-]{43}$/;
const apiKeyPattern = /^sk_live_[A-Za-z0-9_-]{43}$/;
const jwtPattern = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

const bearerChallenge = { 'WWW-Authenticate': 'Bearer error="invalid_token"' };

/**
 * Reads the one credential a request may carry: a bearer token (API key, personal access token or
 * access token) or the session cookie. An access token's signature and claims are checked here,
 * without the database; whether its family and person are still live is the database's answer.
 */
export async function readCredential(
  authorization: string | undefined,
  cookie: string | undefined,
  config?: Pick<Config, 'APP_ORIGIN' | 'JWT_SIGNING_KEYS'>,
): Promise<Credential | null> {
  if (authorization !== undefined) {
    const [scheme, token, extra] = authorization.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token || extra !== undefined) {
      throw new AppError('UNAUTHENTICATED', 'Authorization must be "Bearer <token>"');
    }
    if (apiKeyPattern.test(token)) return { kind: 'api_key', tokenHash: await sha256Hex(token) };
    const scopes = patScopes(token);
    if (scopes) return { kind: 'pat', tokenHash: await sha256Hex(token), scopes };
    if (jwtPattern.test(token)) {
      const issuer = config ? tokenIssuer(config) : null;
      const claims = issuer ? await verifyAccessToken(issuer, token) : null;
      if (!claims) throw new AppError('UNAUTHENTICATED', 'The access token is invalid or expired', { headers: bearerChallenge });
      return { kind: 'access_token', tokenHash: claims.familyId, subject: claims.userId };
    }
    throw new AppError('UNAUTHENTICATED', 'The bearer token is not an API key, personal access token or access token', {
      headers: bearerChallenge,
    });
  }
  if (cookie !== undefined && sessionTokenPattern.test(cookie)) {
    return { kind: 'session', tokenHash: await sha256Hex(cookie) };
  }
  return null;
}

/**
 * Turns the presented credential into `c.var.credential`. Whether it is still valid, and whom it
 * belongs to, is answered by the database in the same round trip as the route's first query
 * (see docs/decisions/002-one-round-trip.md); here a missing or malformed credential stops the
 * request, and so does a personal access token without the `write` scope on an unsafe method.
 *
 * @example app.use('/api/v1/me', auth({ required: true }))
 */
export function auth({ required = true }: { required?: boolean } = {}) {
  return createMiddleware<AppEnv>(async function auth(c, next) {
    const credential = await readCredential(c.req.header('authorization'), getCookie(c, sessionCookieName), c.get('config'));
    if (required && !credential) throw new AppError('UNAUTHENTICATED', 'Sign in or present a valid API key');
    if (credential?.kind === 'pat' && !scopesAllowMethod(credential.scopes, c.req.method)) {
      throw new AppError('INSUFFICIENT_SCOPE', 'This personal access token is read-only');
    }
    c.set('credential', credential);
    await next();
  });
}
