import { eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineJob, type JobDeps } from '../../../queues/jobs.ts';
import { system } from '../../db/gateway.ts';
import type { PublishedEvent } from '../../kernel/bus.ts';
import type { EventConsumer } from '../module.ts';
import { eventReceipt, outboxEvent } from './events.tables.ts';
import { sweepOutbox } from './outbox-relay.ts';

const publishedEventSchema = z.strictObject({
  id: z.uuid(),
  type: z.string().min(1),
  version: z.number().int().positive(),
  workspace_id: z.uuid(),
  occurred_at: z.iso.datetime(),
  payload: z.record(z.string(), z.unknown()),
});

const consumersOf = (deps: JobDeps, type: string): EventConsumer[] =>
  deps.modules
    .flatMap((m) => m.consumers ?? [])
    .filter((consumer) => consumer.events === '*' || (consumer.events as readonly string[]).includes(type));

/**
 * One consumer, exactly once in effect: its ledger row and its database writes commit together, and
 * a row already there means an earlier delivery finished.
 */
async function consumeOnce(consumer: EventConsumer, event: PublishedEvent, deps: JobDeps): Promise<boolean> {
  const committed: Array<() => Promise<void>> = [];
  // The owner role with the event's workspace in context: tenant tables open to that workspace only.
  const handled = await system(deps.db, { role: 'owner', workspace: event.workspace_id }).interactive(async (tx) => {
    const recorded = await tx
      .insert(eventReceipt)
      .values({ handler: consumer.name, eventId: event.id })
      .onConflictDoNothing()
      .returning({ eventId: eventReceipt.eventId });
    if (recorded.length === 0) return false;
    await consumer.handle(event, { ...deps, tx, afterCommit: (work) => committed.push(work) });
    return true;
  });
  for (const work of committed) {
    try {
      await work();
    } catch (error) {
      deps.logger.error('consumer.after_commit_failed', {
        consumer: consumer.name,
        event: event.id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return handled;
}

/** Marks the event's row sent; false when there is none (the write that published it rolled back). */
async function markSent({ db }: JobDeps, eventId: string): Promise<boolean> {
  const rows = await system(db, { role: 'owner' }).query((q) =>
    q
      .update(outboxEvent)
      .set({ sentAt: sql`coalesce(${outboxEvent.sentAt}, now())` })
      .where(eq(outboxEvent.id, eventId))
      .returning({ id: outboxEvent.id }),
  );
  return rows.length > 0;
}

/**
 * Hands one published event to every consumer of its type. A consumer that fails does not stop the
 * others; the message is retried afterwards, and the ledger skips those that already ran.
 */
export const dispatchEvent = defineJob({
  name: 'events.dispatch',
  version: 1,
  payload: publishedEventSchema,
  workspaceOf: (event) => event.workspace_id,
  async handle(event, deps) {
    if (!(await markSent(deps, event.id))) return { event: event.id, type: event.type, dropped: 'no outbox row: its write rolled back' };
    let handled = 0;
    let skipped = 0;
    const failures: string[] = [];
    for (const consumer of consumersOf(deps, event.type)) {
      try {
        if (await consumeOnce(consumer, event, deps)) handled++;
        else skipped++;
      } catch (error) {
        failures.push(`${consumer.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (failures.length > 0) throw new Error(`Event ${event.id} (${event.type}): ${failures.join('; ')}`);
    return { event: event.id, type: event.type, handled, skipped };
  },
});

/** Sent outbox rows and ledger rows are kept this long, to trace a delivery; then they go. */
const RETENTION_DAYS = 7;

export const purgeEvents = defineJob({
  name: 'events.purge',
  version: 1,
  payload: z.strictObject({}),
  async handle(_payload, { db }) {
    const before = sql`now() - make_interval(days => ${RETENTION_DAYS})`;
    const [outbox, receipts] = await system(db, { role: 'owner' }).batch((q) => [
      q.delete(outboxEvent).where(lt(outboxEvent.sentAt, before)).returning({ id: outboxEvent.id }),
      q.delete(eventReceipt).where(lt(eventReceipt.handledAt, before)).returning({ id: eventReceipt.eventId }),
    ]);
    return { outbox_rows: outbox.length, receipts: receipts.length, retention_days: RETENTION_DAYS };
  },
});

/** Every minute (cron): sends whatever the relay after commit did not (`sweepOutbox`). */
export const sweepOutboxJob = defineJob({
  name: 'events.sweep',
  version: 1,
  payload: z.strictObject({}),
  async handle(_payload, { db, queue }) {
    if (!queue) throw new Error('events.sweep needs the JOBS queue binding');
    return { sent: await sweepOutbox(db, queue) };
  },
});
