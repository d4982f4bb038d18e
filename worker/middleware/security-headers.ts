import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';

/** Headers every response carries; HSTS only where the app is served over HTTPS. */
export function securityHeaders() {
  return createMiddleware<AppEnv>(async function securityHeaders(c, next) {
    await next();
    const headers = c.res.headers;
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    headers.set('X-Frame-Options', 'DENY');
    if (!headers.has('Content-Security-Policy')) headers.set('Content-Security-Policy', "frame-ancestors 'none'");
    const env = c.get('config')?.APP_ENV;
    if (env === 'production' || env === 'preview') {
      headers.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains; preload');
    }
    const isJson = headers.get('content-type')?.startsWith('application/json') ?? false;
    // Authenticated answers and answers that set a session must never sit in a shared cache.
    if ((isJson && c.get('credential')) || headers.has('Set-Cookie')) headers.set('Cache-Control', 'no-store');
  });
}
