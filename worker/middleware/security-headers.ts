import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';

/**
 * The Worker's own pages (the dev inbox) carry no script and inline their styles (the API reference
 * sends its own policy: modules/system/reference-page.ts);
 * an inbox message's HTML part is shown in a sandboxed srcdoc frame, which inherits this policy.
 * The web app's pages are static assets with their own policy in web/public/_headers.
 */
const htmlPolicy =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
/** JSON and everything else the Worker answers loads nothing and is framed by nobody. */
const otherPolicy = "default-src 'none'; frame-ancestors 'none'";

/** Headers every response carries; HSTS only where the app is served over HTTPS. */
export function securityHeaders() {
  return createMiddleware<AppEnv>(async function securityHeaders(c, next) {
    await next();
    const headers = c.res.headers;
    const contentType = headers.get('content-type') ?? '';
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    headers.set('X-Frame-Options', 'DENY');
    if (!headers.has('Content-Security-Policy')) {
      headers.set('Content-Security-Policy', contentType.startsWith('text/html') ? htmlPolicy : otherPolicy);
    }
    const env = c.get('config')?.APP_ENV;
    if (env === 'production' || env === 'preview') {
      headers.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains; preload');
    }
    const isJson = contentType.startsWith('application/json');
    // Authenticated answers and answers that set a session must never sit in a shared cache.
    if ((isJson && c.get('credential')) || headers.has('Set-Cookie')) headers.set('Cache-Control', 'no-store');
  });
}
