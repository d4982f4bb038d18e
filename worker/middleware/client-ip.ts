import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';

// Loose shape check: enough to keep junk out of rate-limit keys; Cloudflare sets a valid address.
const ipShape = /^[0-9A-Fa-f:.]{2,45}$/;

/**
 * The client address as seen by Cloudflare's edge. Only `CF-Connecting-IP` is trusted: the edge
 * overwrites it, whereas `X-Forwarded-For`, `X-Real-IP` and friends are whatever the client sent.
 */
export function clientIpOf(request: Request): string {
  const ip = request.headers.get('CF-Connecting-IP')?.trim();
  return ip && ipShape.test(ip) ? ip : 'unknown';
}

/**
 * Sets `c.var.clientIp` for the rate limiter, logs and audit trails.
 *
 * @example
 * app.use(clientIp());
 * app.get('/whoami', (c) => c.text(c.var.clientIp));
 */
export function clientIp() {
  return createMiddleware<AppEnv>(async function clientIp(c, next) {
    c.set('clientIp', clientIpOf(c.req.raw));
    await next();
  });
}
