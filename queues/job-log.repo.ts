import { eq } from 'drizzle-orm';
import type { QueryBuilder, Statement } from '../worker/db/client.ts';
import { type Database, system } from '../worker/db/gateway.ts';
import type { Bus } from '../worker/kernel/bus.ts';
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
 * workspace is also stored as that workspace's `job_failure`, in the same transaction, and with the
 * bus, `jobs.failed` is published with it (its admins are told), once per failure.
 */
export async function storeDeadLetter(db: Database, { workspaceId, ...letter }: DeadLetter, bus?: Bus<QueryBuilder, Statement>) {
  const deadLetter = (q: QueryBuilder) =>
    q
      .insert(jobDeadLetter)
      .values({ id: newUuid(), ...letter, payload: letter.payload ?? null })
      .onConflictDoNothing({ target: jobDeadLetter.messageId });
  if (workspaceId === undefined || letter.job === null || letter.version === null) {
    await asOwner(db).query(deadLetter);
    return;
  }
  const job = letter.job;
  await system(db, { role: 'owner', workspace: workspaceId }).interactive(async (tx) => {
    await deadLetter(tx);
    const [failure] = await tx
      .insert(jobFailure)
      .values({
        id: newUuid(),
        workspaceId,
        messageId: letter.messageId,
        job,
        version: letter.version as number,
        payload: letter.payload ?? null,
        error: letter.error,
        attempts: letter.attempts,
      })
      .onConflictDoNothing({ target: jobFailure.messageId })
      .returning({ id: jobFailure.id });
    if (!failure || !bus || tellsOfAFailure(letter)) return;
    for (const statement of bus.reactionsTo({ type: 'jobs.failed', workspaceId, failureId: failure.id, job }, tx)) await statement;
  });
}

/**
 * The delivery of a `jobs.failed` event that failed for good is stored but announces nothing: if its
 * consumer kept failing, each announcement would fail in turn and announce the next.
 */
function tellsOfAFailure(letter: Omit<DeadLetter, 'workspaceId'>): boolean {
  const payload = letter.payload as { type?: unknown } | null;
  return letter.job === 'events.dispatch' && payload?.type === 'jobs.failed';
}
