import { NeonDbError } from '@neondatabase/serverless';
import { AppError } from '../kernel/errors.ts';

const sqlState = /^[0-9A-Z]{5}$/;

/** The driver's error along `error`'s cause chain (drizzle wraps it): the first one with a SQLSTATE. */
function databaseErrorOf(error: unknown): { code: string; constraint?: unknown } | null {
  for (let e: unknown = error; typeof e === 'object' && e !== null; e = (e as { cause?: unknown }).cause) {
    const candidate = e as { code?: unknown; constraint?: unknown };
    if (typeof candidate.code === 'string' && sqlState.test(candidate.code)) return candidate as { code: string; constraint?: unknown };
  }
  return null;
}

/** True when `error` is Postgres' unique violation (23505), optionally on one named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const cause = databaseErrorOf(error);
  return cause?.code === '23505' && (constraint === undefined || cause.constraint === constraint);
}

/** True when `error` is Postgres' foreign-key violation (23503): the row refers to one that is gone. */
export function isForeignKeyViolation(error: unknown): boolean {
  return databaseErrorOf(error)?.code === '23503';
}

/** SQLSTATEs the credential checks raise for a disabled account (migrations/0021_tokens_rls.sql). */
const disabledAccountStates: Record<string, string> = {
  UD001: 'This account is disabled',
  UD002: 'The account that created this API key is disabled',
};

/** The message for a disabled-account refusal raised by the database, or null for any other error. */
export function disabledAccountMessage(error: unknown): string | null {
  const code = databaseErrorOf(error)?.code;
  return code ? (disabledAccountStates[code] ?? null) : null;
}

/** For `.catch`: a disabled-account refusal becomes ACCOUNT_DISABLED (403); anything else is rethrown. */
export function rethrowAccountDisabled(error: unknown): never {
  const message = disabledAccountMessage(error);
  throw message ? new AppError('ACCOUNT_DISABLED', message, { cause: error }) : error;
}

/** True when `error` is `admit_write`'s refusal (SQLSTATE UW001, migrations/0024_write-admission.sql). */
export function isAdmissionChanged(error: unknown): boolean {
  return databaseErrorOf(error)?.code === 'UW001';
}

/**
 * SQLSTATEs that say the server cannot serve at all, whatever the statement: class 08 (connection
 * exception), a server shutting down or starting up (57P01–57P03), too many connections (53300).
 */
const unavailableStates = /^(08...|57P0[123]|53300)$/;

/** The driver's HTTP answer when the endpoint failed rather than the query (a query error is a 400). */
const endpointFailure = /^Server error \(HTTP status 5\d\d\)/;

/** pg's words for a connection that closed under it (the WebSocket proxy lost its database). */
const connectionLost = /^Connection terminated/;

function isUnavailableLink(link: object): boolean {
  if (link instanceof NeonDbError) {
    // `sourceError` is set when the fetch itself failed: the endpoint was never reached.
    if (link.sourceError !== undefined || endpointFailure.test(link.message)) return true;
  }
  // A WebSocket that could not connect rejects with the socket's ErrorEvent, not an Error.
  if (typeof ErrorEvent !== 'undefined' && link instanceof ErrorEvent) return true;
  if (link instanceof Error && connectionLost.test(link.message)) return true;
  const code = (link as { code?: unknown }).code;
  return typeof code === 'string' && unavailableStates.test(code);
}

/**
 * True when `error` (or anything along its cause chain) says the database could not be reached or
 * cannot serve: a failed fetch or WebSocket, the endpoint's 5xx, a dropped connection, a server
 * shutting down. Query errors (constraints, syntax, permissions) are not: retrying cannot fix them.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; typeof e === 'object' && e !== null && depth < 10; depth += 1) {
    if (isUnavailableLink(e)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** True when `error` is a plan limit's refusal (SQLSTATE UL001, `app_private.assert_within_limit`). */
export function isLimitReached(error: unknown): boolean {
  return databaseErrorOf(error)?.code === 'UL001';
}
