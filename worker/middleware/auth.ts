import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { sha256Hex } from '../kernel/crypto.ts';
import { AppError } from '../kernel/errors.ts';

export const sessionCookieName = '__Host-session';
export const apiKeyPrefix = 'sk_live_';

export interface Credential {
  kind: 'session' | 'api_key';
  /** SHA-256 of the secret; the secret itself never leaves this middleware. */
  tokenHash: string;
}

const sessionTokenPattern = /^[A-Za-z0-9_-]{43}$/;
const apiKeyPattern = /^sk_live_[A-Za-z0-9_-]{43}$/;

/** Reads the one credential a request may carry: an API key bearer token or the session cookie. */
export async function readCredential(authorization: string | undefined, cookie: string | undefined) {
  if (authorization !== undefined) {
    const [scheme, token, extra] = authorization.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token || extra !== undefined || !apiKeyPattern.test(token)) {
      throw new AppError('UNAUTHENTICATED', 'Authorization must be "Bearer <API key>"');
    }
    return { kind: 'api_key', tokenHash: await sha256Hex(token) } satisfies Credential;
  }
  if (cookie !== undefined && sessionTokenPattern.test(cookie)) {
    return { kind: 'session', tokenHash: await sha256Hex(cookie) } satisfies Credential;
  }
  return null;
}

/**
 * Turns the presented credential into `c.var.credential`. Whether it is still valid, and whom it
 * belongs to, is answered by the database in the same round trip as the route's first query
 * (see docs/decisions/002-one-round-trip.md); here a missing or malformed credential stops the request.
 *
 * @example app.use('/api/v1/me', auth({ required: true }))
 */
export function auth({ required = true }: { required?: boolean } = {}) {
  return createMiddleware<AppEnv>(async function auth(c, next) {
    const credential = await readCredential(c.req.header('authorization'), getCookie(c, sessionCookieName));
    if (required && !credential) throw new AppError('UNAUTHENTICATED', 'Sign in or present a valid API key');
    c.set('credential', credential);
    await next();
  });
}
