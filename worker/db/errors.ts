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
