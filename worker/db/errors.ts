import { AppError } from '../kernel/errors.ts';

/** True when `error` is Postgres' unique violation (23505), optionally on one named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error; e instanceof Error || (typeof e === 'object' && e !== null); e = (e as { cause?: unknown }).cause) {
    const candidate = e as { code?: unknown; constraint?: unknown };
    if (candidate.code === '23505') return constraint === undefined || candidate.constraint === constraint;
    if (!(e as { cause?: unknown }).cause) break;
  }
  return false;
}

/** SQLSTATEs the credential checks raise for a disabled account (migrations/0009_tokens_rls.sql). */
const disabledAccountStates: Record<string, string> = {
  UD001: 'This account is disabled',
  UD002: 'The account that created this API key is disabled',
};

/** The message for a disabled-account refusal raised by the database, or null for any other error. */
export function disabledAccountMessage(error: unknown): string | null {
  for (let e: unknown = error; typeof e === 'object' && e !== null; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return disabledAccountStates[code] ?? null;
  }
  return null;
}

/** For `.catch`: a disabled-account refusal becomes ACCOUNT_DISABLED (403); anything else is rethrown. */
export function rethrowAccountDisabled(error: unknown): never {
  const message = disabledAccountMessage(error);
  throw message ? new AppError('ACCOUNT_DISABLED', message, { cause: error }) : error;
}
