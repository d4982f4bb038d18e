import { type Database, system } from '../../db/gateway.ts';
import { AppError } from '../../kernel/errors.ts';
import * as repo from './readiness.repo.ts';

/** Longer than a healthy round trip by far; short enough that a monitor's probe never hangs. */
export const READINESS_TIMEOUT_MS = 2000;

/**
 * Readiness: whether this worker can serve requests that need the database. Answers as soon as
 * `select 1` does; an error or a slower answer is a 503 `DATABASE_UNAVAILABLE` (with `Retry-After`,
 * set by the recovery link), so load balancers and monitors take the outage for one.
 */
export async function checkReadiness(db: Database): Promise<{ status: 'ok'; database: 'ok' }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError('DATABASE_UNAVAILABLE', 'The database did not answer in time')), READINESS_TIMEOUT_MS);
  });
  try {
    await Promise.race([db.trace('db.read', () => system(db, { role: 'owner' }).query(repo.selectOne)), timeout]);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('DATABASE_UNAVAILABLE', 'The database is unavailable; retry shortly', { cause: error });
  } finally {
    clearTimeout(timer);
  }
  return { status: 'ok', database: 'ok' };
}
