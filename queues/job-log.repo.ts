import { eq } from 'drizzle-orm';
import { type Database, type HttpDb, system } from '../worker/db/gateway.ts';
import { jobDeadLetter, jobFailure, jobRun } from '../worker/db/schema.ts';
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

export interface DeadLetter {
  /** The queue's own message id: the same on every redelivery, so storing twice keeps one row. */
  messageId: string;
  job: string | null;
  version: number | null;
  payload: unknown;
  reason: 'invalid' | 'exhausted' | 'undeliverable';
  error: string;
  attempts: number;
  /** The workspace the job worked for (`workspaceOf`): its admins are shown the failure too. */
  workspaceId?: string | undefined;
}

/**
 * Stores a message the consumer gives up on; a message already stored is left as it is. A job of a
 * workspace is also stored as that workspace's `job_failure`, in the same transaction.
 */
export async function storeDeadLetter(db: Database, { workspaceId, ...letter }: DeadLetter) {
  const deadLetter = (q: HttpDb) =>
    q
      .insert(jobDeadLetter)
      .values({ id: newUuid(), ...letter, payload: letter.payload ?? null })
      .onConflictDoNothing({ target: jobDeadLetter.messageId });
  if (workspaceId === undefined || letter.job === null || letter.version === null) {
    await asOwner(db).query(deadLetter);
    return;
  }
  const failure = { job: letter.job, version: letter.version };
  await system(db, { role: 'owner', workspace: workspaceId }).batch(
    (q) =>
      [
        deadLetter(q),
        q
          .insert(jobFailure)
          .values({
            id: newUuid(),
            workspaceId,
            messageId: letter.messageId,
            ...failure,
            payload: letter.payload ?? null,
            error: letter.error,
            attempts: letter.attempts,
          })
          .onConflictDoNothing({ target: jobFailure.messageId }),
      ] as const,
  );
}
