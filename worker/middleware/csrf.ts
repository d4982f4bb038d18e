import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { AppError } from '../kernel/errors.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cookie-authenticated unsafe requests must prove they come from our own pages: an `Origin` on the
 * allow-list, or else `Sec-Fetch-Site: same-origin`. Requests without either are refused whatever
 * their Content-Type. Bearer credentials (API keys, access tokens, personal access tokens) carry no
 * ambient authority and are exempt; so are requests
 * with no credential at all, except that a foreign `Origin` is still refused (log-in CSRF).
 * See docs/decisions/003-csrf.md.
 */
export function csrf() {
  return createMiddleware<AppEnv>(async function csrf(c, next) {
    if (safeMethods.has(c.req.method)) return next();
    const credential = c.get('credential');
    if (credential && credential.kind !== 'session') return next();
    const config = c.get('config');
    const origin = c.req.header('origin');
    const trusted = new Set([config.APP_ORIGIN, ...config.CORS_ORIGINS]);
    if (origin !== undefined && origin !== 'null') {
      if (!trusted.has(origin)) throw new AppError('CSRF_REJECTED', 'Cross-site request refused');
      return next();
    }
    const site = c.req.header('sec-fetch-site');
    if (site === 'same-origin') return next();
    if (credential?.kind === 'session' || site !== undefined || origin === 'null') {
      throw new AppError('CSRF_REJECTED', 'Cross-site request refused: send an Origin header');
    }
    return next();
  });
}
