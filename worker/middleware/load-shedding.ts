import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { AppError } from '../kernel/errors.ts';

/**
 * Requests one isolate works on at once before it turns new ones away. At the edge a request waits
 * mostly on the database, so this many in flight means the database has slowed down (or the isolate
 * is flooded); letting more in would only lengthen every request's wait and deepen the database's
 * queue. Well above what an isolate has in flight at a healthy database's latency
 * (docs/decisions/067-load-shedding.md).
 */
export const MAX_IN_FLIGHT = 64;

/** How soon a turned-away client may try again: the backlog drains within about a second. */
const RETRY_AFTER_SECONDS = 1;

/**
 * Sheds load before any work is done for it: with `limit` requests already in flight in this
 * isolate, the next is answered 503 `OVERLOADED` with `Retry-After` at once, without a database
 * round trip, so the requests already admitted finish at their usual pace and the isolate recovers
 * as soon as the surge ends. It sits after the logger, so a shed request is still one log line.
 */
export function loadShedding(limit = MAX_IN_FLIGHT) {
  let inFlight = 0;
  return createMiddleware<AppEnv>(async function loadShedding(_c, next) {
    if (inFlight >= limit) {
      throw new AppError('OVERLOADED', `The service is busy; retry in ${RETRY_AFTER_SECONDS} second`, {
        headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
      });
    }
    inFlight++;
    try {
      await next();
    } finally {
      inFlight--;
    }
  });
}
