import type { QueryBuilder, Statement } from '../../db/client.ts';
import { type SQL, sql } from 'drizzle-orm';
import type { Bus, DomainEvent, DomainEventType, Listeners, PublishedEvent } from '../../kernel/bus.ts';
import { listenerStatements } from '../../kernel/bus.ts';
import { newUuid } from '../../kernel/ids.ts';
import { outboxEvent } from './events.tables.ts';

/** The schema version of each event type that leaves the process, from the emitting modules' manifests. */
export type PublishedEvents = Readonly<Partial<Record<DomainEventType, number>>>;

/**
 * The events one request added to its writes; the relay sends them after the response. Without one
 * (a bus outside a request), the sweep sends them once their claim has run out.
 */
export class PendingEvents {
  /** The events consumers wait for: the relay queues them. */
  readonly events: PublishedEvent[] = [];
  /** Every event the request published, consumed or not: the realtime hubs hear of each. */
  readonly announced: PublishedEvent[] = [];
}

/**
 * How long the writer's relay holds a new row before the sweep may send it: the row is written
 * claimed, so the relay needs no round trip of its own (it sends from memory, and the consumer marks
 * the row sent).
 */
export const CLAIM_SECONDS = 120;

/**
 * The request's bus: the in-process listeners' statements, plus, for every published event type, the
 * insert of its outbox row. Both join the publisher's own statements, so the event commits or rolls
 * back with the change it announces, in the same round trip.
 */
export class OutboxBus implements Bus<QueryBuilder, Statement> {
  constructor(
    private readonly listeners: Listeners<QueryBuilder, Statement>,
    private readonly published: PublishedEvents,
    private readonly pending: PendingEvents | null,
    private readonly consumed: (type: string) => boolean = () => true,
  ) {}

  reactionsTo(event: DomainEvent, db: QueryBuilder): Statement[] {
    const reactions = listenerStatements(this.listeners, event, db);
    const version = this.published[event.type];
    if (version === undefined) return reactions;
    const { onlyIf, ...announced } = event as DomainEvent & { onlyIf?: SQL };
    const published = toPublished(announced as DomainEvent, version);
    // An event no consumer listens to is kept as a record (for replays), already sent: no message, no work.
    const consumed = this.consumed(event.type);
    if (consumed) this.pending?.events.push(published);
    this.pending?.announced.push(published);
    return [...reactions, outboxInsert(db, published, consumed, onlyIf)];
  }
}

function toPublished(event: DomainEvent, version: number): PublishedEvent {
  const { type, workspaceId, ...payload } = event as DomainEvent & { workspaceId: string };
  return { id: newUuid(), type, version, workspace_id: workspaceId, occurred_at: new Date().toISOString(), payload };
}

/**
 * The event's row. An event may carry `onlyIf`, a condition evaluated in the publisher's transaction
 * after its change (an update that found its row): the row is written only when it holds, so a batched
 * write that touched nothing announces nothing. The relay may still send it from memory; the consumer
 * drops an event without a row.
 */
function outboxInsert(db: QueryBuilder, event: PublishedEvent, consumed: boolean, onlyIf?: SQL): Statement {
  if (onlyIf) {
    const claimed = consumed ? sql`now() + make_interval(secs => ${CLAIM_SECONDS})` : sql`null::timestamptz`;
    const sent = consumed ? sql`null::timestamptz` : sql`now()`;
    return db.insert(outboxEvent).select(
      sql`select ${event.id}::uuid, ${event.workspace_id}::uuid, ${event.type}, ${event.version}::int, ${JSON.stringify(event.payload)}::jsonb,
        ${event.occurred_at}::timestamptz, ${claimed}, ${sent} where ${onlyIf}`,
    );
  }
  return db.insert(outboxEvent).values({
    id: event.id,
    workspaceId: event.workspace_id,
    type: event.type,
    version: event.version,
    payload: event.payload,
    occurredAt: new Date(event.occurred_at),
    claimedUntil: consumed ? sql`now() + make_interval(secs => ${CLAIM_SECONDS})` : null,
    sentAt: consumed ? null : sql`now()`,
  });
}
