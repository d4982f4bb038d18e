import type { call } from '../../worker/test/client.ts';
import type { JobBound } from '../../worker/kernel/job-bounds.ts';
import type { PublicIdKind } from '../../worker/kernel/ids.ts';

/**
 * How queues/request-jobs.security.test.ts drives a job a request can start. Platform jobs have
 * their entry in that test; a module's jobs have theirs in `<m>/<m>.request-jobs.ts` (test code,
 * found by its name, so deleting the module deletes its entry).
 */
export interface Starter {
  /** Starts the job through the real chain. */
  start(): ReturnType<typeof call>;
  /** The rows the owner's requests created, newest first. */
  rows(): Promise<Array<{ id: string; status: string }>>;
  /** Sets a row's status (and how long ago it was requested), the way the job or the clock would. */
  set(publicId: string, change: { status?: string; ageSeconds?: number }): Promise<void>;
  /** Requests recorded in the audit log. */
  auditEntries(): Promise<number>;
}

export interface RequestJob {
  bound: JobBound;
  /** The id registry's kind of the job's row (its public ids). */
  kind: PublicIdKind;
  owner(): Promise<Starter>;
}

export const assignments = (change: { status?: string; ageSeconds?: number }) => ({
  status: change.status ?? null,
  age: change.ageSeconds ?? null,
});
