import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { randomIdHex } from '../kernel/crypto.ts';
import { recovery } from './recovery.ts';

const traceparentPattern = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export interface SpanRecord {
  name: string;
  trace_id: string;
  span_id: string;
  parent_span_id: string | null;
  start_time_unix_nano: string;
  end_time_unix_nano: string;
  attributes: Record<string, string | number | boolean>;
  status: 'ok' | 'error';
}

/** Milliseconds since the epoch (whole: the runtime's clock) as the decimal nanoseconds OTLP uses. */
const unixNanos = (ms: number) => `${Math.trunc(ms)}000000`;

/**
 * W3C trace context for one request. Spans are written as JSON log lines shaped like OTLP spans
 * (`trace_id`, `span_id`, `parent_span_id`, times in unix nanoseconds) so a log drain can forward
 * them to an OpenTelemetry collector; Workers' own tracing records the platform spans beside them.
 */
export class Trace {
  readonly traceId: string;
  readonly rootSpanId: string;
  readonly parentSpanId: string | null;
  readonly sampled: boolean;
  readonly spans: SpanRecord[] = [];

  constructor(traceparent: string | undefined) {
    const match = traceparent ? traceparentPattern.exec(traceparent) : null;
    const validParent = match && !/^0+$/.test(match[1] ?? '') && !/^0+$/.test(match[2] ?? '');
    this.traceId = validParent && match[1] ? match[1] : randomIdHex(16);
    this.parentSpanId = validParent && match[2] ? match[2] : null;
    this.sampled = validParent && match[3] ? (Number.parseInt(match[3], 16) & 1) === 1 : true;
    this.rootSpanId = randomIdHex(8);
  }

  /** The header to send downstream: same trace, this request's span as parent. */
  get traceparent(): string {
    return `00-${this.traceId}-${this.rootSpanId}-${this.sampled ? '01' : '00'}`;
  }

  async span<T>(name: string, attributes: SpanRecord['attributes'], fn: () => Promise<T>): Promise<T> {
    const start = Date.now();
    let status: SpanRecord['status'] = 'ok';
    try {
      return await fn();
    } catch (error) {
      status = 'error';
      throw error;
    } finally {
      this.record(name, attributes, start, Date.now(), this.rootSpanId, status);
    }
  }

  record(
    name: string,
    attributes: SpanRecord['attributes'],
    startMs: number,
    endMs: number,
    parent: string | null,
    status: SpanRecord['status'],
  ): SpanRecord {
    const span: SpanRecord = {
      name,
      trace_id: this.traceId,
      span_id: name === 'http.request' ? this.rootSpanId : randomIdHex(8),
      parent_span_id: parent,
      start_time_unix_nano: unixNanos(startMs),
      end_time_unix_nano: unixNanos(endMs),
      attributes,
      status,
    };
    this.spans.push(span);
    return span;
  }

  /** The spans to ship with the request's log line; none when the caller asked not to sample. */
  exportSpans(): readonly SpanRecord[] {
    return this.sampled ? this.spans : [];
  }
}

/** Accepts an incoming `traceparent`, records the request span, and returns `traceparent` downstream. */
export function tracing() {
  return createMiddleware<AppEnv>(async function tracing(c, next) {
    const trace = new Trace(c.req.header('traceparent'));
    c.set('trace', trace);
    const start = Date.now();
    try {
      await next();
    } catch (error) {
      // Hono hands only Error instances to `onError`; anything else thrown below (the database
      // driver can reject with a WebSocket ErrorEvent when its socket fails) would leave the app as a
      // bare 500 without the envelope, request id or headers. Answer it here, inside the outer links.
      if (error instanceof Error) throw error;
      c.res = recovery(error, c);
    } finally {
      const status = c.res.status >= 500 ? 'error' : 'ok';
      trace.record(
        'http.request',
        { 'http.request.method': c.req.method, 'http.route': c.req.routePath, 'http.response.status_code': c.res.status },
        start,
        Date.now(),
        trace.parentSpanId,
        status,
      );
      c.res.headers.set('traceparent', trace.traceparent);
    }
  });
}
