import { AppError } from './errors.ts';

/**
 * Bounds on a job a request can start (docs/decisions/030-bounded-jobs-and-outages.md): one running
 * per owner (a workspace, a person), a repeat meanwhile answered with that job, and a cap per day.
 */
export interface JobBound {
  /** Jobs one owner may start in `windowSeconds` (a rolling day). */
  perDay: number;
  windowSeconds: number;
  /**
   * A pending or running job older than this is taken to be lost (its message never arrived, its
   * retries are spent) and no longer counts as running. Longer than a job's whole retry sequence.
   */
  staleAfterSeconds: number;
}

export const DAY_SECONDS = 86_400;

export const jobBounds = {
  auditExport: { perDay: 10, windowSeconds: DAY_SECONDS, staleAfterSeconds: 3600 },
  personalExport: { perDay: 5, windowSeconds: DAY_SECONDS, staleAfterSeconds: 3600 },
  projectsImport: { perDay: 10, windowSeconds: DAY_SECONDS, staleAfterSeconds: 3600 },
} as const satisfies Record<string, JobBound>;

function inAbout(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  if (seconds < 90 * 60) return `${Math.ceil(seconds / 60)} minutes`;
  return `${Math.ceil(seconds / 3600)} hours`;
}

/**
 * Refuses (429 `RATE_LIMITED`, `Retry-After`) a request that would start more than `bound.perDay`
 * jobs in the window. `secondsLeft` holds, for every job started in the window, oldest first, the
 * seconds until it leaves the window; the wait is until enough of them have left.
 */
export function assertUnderDailyCap(secondsLeft: readonly number[], bound: JobBound, what: string): void {
  if (secondsLeft.length < bound.perDay) return;
  const wait = Math.max(1, Math.ceil(secondsLeft[secondsLeft.length - bound.perDay] ?? bound.windowSeconds));
  throw new AppError('RATE_LIMITED', `At most ${bound.perDay} ${what} a day. You can start the next one in about ${inAbout(wait)}.`, {
    headers: { 'Retry-After': String(wait) },
  });
}
