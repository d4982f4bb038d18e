import { eq } from 'drizzle-orm';
import { type Database, system } from '../worker/db/gateway.ts';
import { jobDeadLetter, jobRun } from '../worker/db/schema.ts';
import { newUuid } from '../worker/kernel/ids.ts';

// The owner role writes these tables; the request role has no grant on them.
const asOwner = (db: Database) => system(db, { role: 'owner' });

export type RunSource = 'queue' | 'cron';
export type RunStatus = 'running' | 'succeeded' | 'failed';
export type RunDetail = Record<string, unknown>;

/** Opens a run before the handler starts, so a run that never finishes stays visible as 'running'. */
export async function startRun(db: Database, run: { id: string; job: string; source: RunSource; detail: RunDetail }) {
  await asOwner(db).query((q) => q.insert(jobRun).values({ ...run, status: 'running' }));
}

export async function finishRun(
  db: Database,
  id: string,
  outcome: { status: Exclude<RunStatus, 'running'>; error?: string | null; detail: RunDetail },
) {
  await asOwner(db).query((q) =>
    q
      .update(jobRun)
      .set({ status: outcome.status, error: outcome.error ?? null, detail: outcome.detail, finishedAt: new Date() })
      .where(eq(jobRun.id, id)),
  );
}

/** Writes runs that are already over (a cron trigger enqueueing its jobs) in one statement. */
export async function recordRuns(
  db: Database,
  runs: Array<{
    job: string;
    source: RunSource;
    status: Exclude<RunStatus, 'running'>;
    startedAt: Date;
    finishedAt: Date;
    error: string | null;
    detail: RunDetail;
  }>,
) {
  if (runs.length === 0) return;
  await asOwner(db).query((q) => q.insert(jobRun).values(runs.map((run) => ({ id: newUuid(), ...run }))));
}

export interface DeadLetter {
  /** The queue's own message id: the same on every redelivery, so storing twice keeps one row. */
  messageId: string;
  job: string | null;
  version: number | null;
  payload: unknown;
  reason: 'invalid' | 'exhausted' | 'undeliverable';
  error: string;
  attempts: number;
}

/** Stores a message the consumer gives up on; a message already stored is left as it is. */
export async function storeDeadLetter(db: Database, letter: DeadLetter) {
  await asOwner(db).query((q) =>
    q
      .insert(jobDeadLetter)
      .values({ id: newUuid(), ...letter, payload: letter.payload ?? null })
      .onConflictDoNothing({ target: jobDeadLetter.messageId }),
  );
}
