import { and, asc, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { type Database, system } from '../../db/gateway.ts';
import type { PublishedEvent } from '../../kernel/bus.ts';
import type { JobQueue } from '../../../queues/enqueue.ts';
import { enqueueAll, jobRequest } from '../../../queues/enqueue.ts';
import { dispatchEvent } from './events.jobs.ts';
import { outboxEvent } from './events.tables.ts';

export const SWEEP_BATCH = 500;

type OutboxRow = typeof outboxEvent.$inferSelect;

function toPublished(row: OutboxRow): PublishedEvent {
  return {
    id: row.id,
    type: row.type,
    version: row.version,
    workspace_id: row.workspaceId,
    occurred_at: new Date(row.occurredAt).toISOString(),
    payload: row.payload as Record<string, unknown>,
  };
}

const send = (queue: JobQueue, events: readonly PublishedEvent[]) =>
  enqueueAll(
    queue,
    events.map((event) => jobRequest(dispatchEvent, event)),
  );

/**
 * Right after a request's response: sends the events its writes added, from memory, without a round
 * trip. The rows were written claimed, so the sweep leaves them alone meanwhile; the consumer marks each
 * sent, and drops an event whose row does not exist (its write rolled back). Dying before the send
 * loses nothing: the claim runs out and the sweep sends the row.
 */
export async function relayEvents(queue: JobQueue, events: readonly PublishedEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  await send(queue, events);
  return events.length;
}

/**
 * Every minute: whatever no relay sent (unsent, claim run out), oldest first. The rows stay locked
 * until they are marked sent (`FOR UPDATE SKIP LOCKED`), so two sweeps at once take disjoint rows; a
 * send that fails rolls the marks back and the next sweep tries again.
 */
export async function sweepOutbox(db: Database, queue: JobQueue, limit = SWEEP_BATCH): Promise<number> {
  return system(db, { role: 'owner' }).interactive(async (tx) => {
    const rows = await tx
      .select()
      .from(outboxEvent)
      .where(and(isNull(outboxEvent.sentAt), or(isNull(outboxEvent.claimedUntil), lt(outboxEvent.claimedUntil, sql`now()`))))
      .orderBy(asc(outboxEvent.occurredAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (rows.length === 0) return 0;
    await send(queue, rows.map(toPublished));
    await tx
      .update(outboxEvent)
      .set({ sentAt: sql`now()` })
      .where(
        inArray(
          outboxEvent.id,
          rows.map((row) => row.id),
        ),
      );
    return rows.length;
  });
}
