import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { isDatabaseUnavailable } from '../db/errors.ts';
import type { AppEnv } from '../env.ts';
import { AppError, type ErrorCode, type FieldErrors, toEnvelope } from '../kernel/errors.ts';
import { jsonLogger } from './logger.ts';
import { mintRequestId } from './request-id.ts';

const codeForStatus: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

export function fieldErrors(error: ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    fields[key] = [...(fields[key] ?? []), issue.message];
  }
  return fields;
}

/**
 * The innermost error: query builders wrap driver errors in messages that repeat the statement's
 * parameters (which may hold personal data or secrets); the driver's own error does not.
 */
function rootCause(error: unknown): unknown {
  let current = error;
  while (current instanceof Error && current.cause !== undefined) current = current.cause;
  return current;
}

/**
 * How long a client should wait before retrying after a dependency outage. Short: the database
 * answers again within seconds of a restart, and the next try finds out.
 */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

function normalise(error: unknown): AppError {
  // A dependency outage is not a bug of the request: answer 503 so clients and monitors retry.
  // An AppError below 500 (a refusal decided before the outage mattered) stays what it is.
  if (!(error instanceof AppError && error.status < 500) && isDatabaseUnavailable(error)) {
    return new AppError('DATABASE_UNAVAILABLE', 'The database is unavailable; retry shortly', { cause: error });
  }
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    return new AppError('VALIDATION_FAILED', 'The request is invalid', { fields: fieldErrors(error) });
  }
  if (error instanceof HTTPException) {
    const code = codeForStatus[error.status] ?? 'INTERNAL';
    return new AppError(code, code === 'INTERNAL' ? 'Something went wrong' : error.message || code);
  }
  return new AppError('INTERNAL', 'Something went wrong', { cause: error });
}

/** `Name: message` for an Error or an error-like object (an ErrorEvent has a message but is no Error). */
function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (typeof value === 'object' && value !== null && 'message' in value) {
    return `${value.constructor?.name ?? 'Object'}: ${String(value.message)}`;
  }
  return String(value);
}

/**
 * The outermost link: every throw, from any middleware or handler, becomes the one error envelope
 * with the request id. Stacks go to the log, never to the client.
 */
export function recovery(error: unknown, c: Context<AppEnv>): Response {
  const requestId = c.get('requestId') ?? mintRequestId();
  const appError = normalise(error);
  // A shed request is the app working as meant under a surge: its request line says 503, no error line.
  if (appError.status >= 500 && appError.code !== 'OVERLOADED') {
    const logger = c.get('logger') ?? jsonLogger({ request_id: requestId });
    const cause = rootCause(appError.cause ?? error);
    logger.error('unhandled error', {
      code: appError.code,
      error: describe(cause),
      db_code: (cause as { code?: string } | null)?.code ?? null,
      stack: cause instanceof Error ? (cause.stack ?? null) : null,
    });
  }
  const response = c.json(toEnvelope(appError, requestId), appError.status as ContentfulStatusCode);
  response.headers.set('X-Request-ID', requestId);
  for (const [name, value] of Object.entries(appError.headers ?? {})) response.headers.set(name, value);
  // Every 503 is an outage of something the worker depends on: say when to come back.
  if (appError.status === 503 && !response.headers.has('Retry-After')) {
    response.headers.set('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));
  }
  return response;
}
