import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { type Database, system } from '../worker/db/gateway.ts';
import { cronRun } from '../worker/db/schema.ts';
import { newUuid } from '../worker/kernel/ids.ts';

// The owner role writes this table; the request role has no grant on it.
const asOwner = (db: Database) => system(db, { role: 'owner' });

export interface CronClaim {
  job: string;
  messageId: string;
}

/**
 * Claims one run per job for the trigger's period and returns the message ids it claimed. A job
 * already claimed for that period is left alone (its message is on the queue, running or done),
 * except when its enqueue failed before any attempt started: then the new trigger claims it again.
 */
export async function claimCronRuns(
  db: Database,
  trigger: { cron: string; scheduledTime: Date },
  claims: readonly CronClaim[],
): Promise<Set<string>> {
  if (claims.length === 0) return new Set();
  const rows = await asOwner(db).query((q) =>
    q
      .insert(cronRun)
      .values(
        claims.map((claim) => ({
          id: newUuid(),
          job: claim.job,
          cron: trigger.cron,
          scheduledTime: trigger.scheduledTime,
          status: 'enqueued' as const,
          messageId: claim.messageId,
        })),
      )
      .onConflictDoUpdate({
        target: [cronRun.job, cronRun.scheduledTime],
        set: { status: 'enqueued', messageId: sql`excluded.message_id`, enqueuedAt: sql`now()`, error: null },
        setWhere: sql`${cronRun.status} = 'failed' and ${cronRun.startedAt} is null`,
      })
      .returning({ messageId: cronRun.messageId }),
  );
  return new Set(rows.map((row) => row.messageId));
}

/** The queue refused the claimed messages: the runs say so, and the next trigger may claim them again. */
export async function markEnqueueFailed(db: Database, messageIds: readonly string[], error: string) {
  if (messageIds.length === 0) return;
  await asOwner(db).query((q) =>
    q
      .update(cronRun)
      .set({ status: 'failed', error })
      .where(inArray(cronRun.messageId, [...messageIds])),
  );
}

/**
 * Marks the run of a cron message as started. Answers `false` when that run already succeeded:
 * the queue delivered the message again, and the work is not done twice.
 */
export async function startCronRun(db: Database, messageId: string): Promise<boolean> {
  const result = await asOwner(db).query((q) =>
    q.execute<{ done: boolean }>(sql`
      with started as (
        update cron_run set status = 'running', started_at = coalesce(started_at, now()), attempts = attempts + 1
         where message_id = ${messageId} and status <> 'succeeded'
      )
      select exists (select 1 from cron_run where message_id = ${messageId} and status = 'succeeded') as done`),
  );
  const row = result.rows[0];
  return !row?.done;
}

export async function finishCronRun(
  db: Database,
  messageId: string,
  outcome: { status: 'succeeded' | 'failed'; durationMs: number; error?: string | null },
) {
  await asOwner(db).query((q) =>
    q
      .update(cronRun)
      .set({ status: outcome.status, finishedAt: new Date(), durationMs: outcome.durationMs, error: outcome.error ?? null })
      .where(and(eq(cronRun.messageId, messageId), ne(cronRun.status, 'succeeded'))),
  );
}
