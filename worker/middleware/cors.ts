import { cors as honoCors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';

/** Allow-list CORS: an origin is echoed only when configured; never reflected blindly. */
export function cors() {
  return createMiddleware<AppEnv>(async function cors(c, next) {
    const allowed = new Set(c.get('config').CORS_ORIGINS);
    const handler = honoCors({
      origin: (origin) => (allowed.has(origin) ? origin : null),
      credentials: true,
      allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key', 'X-Request-ID', 'traceparent'],
      exposeHeaders: ['X-Request-ID', 'Retry-After', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Idempotent-Replayed'],
      maxAge: 600,
    });
    const response = await handler(c, next);
    if (!c.res.headers.get('Vary')?.includes('Origin')) c.res.headers.append('Vary', 'Origin');
    return response;
  });
}
