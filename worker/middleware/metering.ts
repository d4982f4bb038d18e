import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';

/**
 * Counts requests made with API keys (the metered `api_requests`, docs/decisions/057-metering.md).
 * The count goes out after the response, through `waitUntil`: one subrequest to the meter, no
 * database round trip, nothing the response waits for. A failed count is logged, never the request's
 * failure. The actor is known once the handler's credential check ran; a refused key counts nothing.
 */
export function metering() {
  return createMiddleware<AppEnv>(async function metering(c, next) {
    await next();
    const actor = c.get('actor');
    const meter = c.get('services').meter;
    if (actor?.type !== 'api_key' || !meter) return;
    const logger = c.get('logger');
    c.executionCtx.waitUntil(
      meter.increment(actor.workspaceId, 'api_requests', 1).catch((error: unknown) => {
        logger.error('usage not counted', { metric: 'api_requests', error: error instanceof Error ? error.message : String(error) });
      }),
    );
  });
}
