import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { mintPublicId } from '../kernel/ids.ts';

const safeRequestId = /^[A-Za-z0-9._:-]{1,64}$/;

export const mintRequestId = () => mintPublicId('request');

/** Honours a short, safe incoming `X-Request-ID`, otherwise mints one; echoes it on every response. */
export function requestId() {
  return createMiddleware<AppEnv>(async function requestId(c, next) {
    const incoming = c.req.header('x-request-id');
    const id = incoming && safeRequestId.test(incoming) ? incoming : mintRequestId();
    c.set('requestId', id);
    c.header('X-Request-ID', id);
    await next();
    c.res.headers.set('X-Request-ID', id);
  });
}
