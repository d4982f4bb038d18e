import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { actorId } from '../kernel/actor.ts';

type LogValue = string | number | boolean | null | undefined | readonly object[];
export type LogFields = Record<string, LogValue>;

/** Structured JSON lines bound to one request. Only fields chosen here reach a log: never bodies or headers. */
export interface Logger {
  info(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export function jsonLogger(bound: LogFields): Logger {
  const write = (level: string, message: string, fields: LogFields = {}) =>
    console.log(JSON.stringify({ level, message, ...bound, ...fields, time: new Date().toISOString() }));
  return {
    info: (message, fields) => write('info', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

/**
 * One JSON line per request once the response is known; the request's trace spans ride in the same
 * line (`spans`), so a request costs one log write.
 */
export function logger() {
  return createMiddleware<AppEnv>(async function logger(c, next) {
    const started = performance.now();
    c.set('logger', jsonLogger({ request_id: c.get('requestId') }));
    await next();
    const actor = c.get('actor');
    c.get('logger').info('request', {
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      duration_ms: Math.round((performance.now() - started) * 100) / 100,
      workspace_id: actor && actor.type !== 'system' ? actor.workspaceId : null,
      actor_type: actor?.type ?? null,
      actor_id: actor ? actorId(actor) : null,
      trace_id: c.get('trace')?.traceId ?? null,
      spans: c.get('trace')?.exportSpans() ?? [],
    });
  });
}
