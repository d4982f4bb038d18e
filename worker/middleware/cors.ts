import type { MiddlewareHandler } from 'hono';
import { cors as honoCors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import type { Config } from '../kernel/config.ts';

/** Hono's CORS handler for one configuration: it holds no per-request state, so it is built once. */
function handlerFor(config: Config): MiddlewareHandler {
  const allowed = new Set(config.CORS_ORIGINS);
  return honoCors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    credentials: true,
    allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key', 'X-Request-ID', 'traceparent'],
    exposeHeaders: [
      'X-Request-ID',
      'Retry-After',
      'X-RateLimit-Limit',
      'X-RateLimit-Remaining',
      'X-RateLimit-Reset',
      'Idempotent-Replayed',
    ],
    maxAge: 600,
  });
}

/** Allow-list CORS: an origin is echoed only when configured; never reflected blindly. */
export function cors() {
  // Per configuration (loadConfig returns one object per environment), not per request.
  const handlers = new WeakMap<Config, MiddlewareHandler>();
  return createMiddleware<AppEnv>(async function cors(c, next) {
    const config = c.get('config');
    let handler = handlers.get(config);
    if (!handler) {
      handler = handlerFor(config);
      handlers.set(config, handler);
    }
    const response = await handler(c, next);
    if (!c.res.headers.get('Vary')?.includes('Origin')) c.res.headers.append('Vary', 'Origin');
    return response;
  });
}
