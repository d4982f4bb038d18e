import type { QueryBuilder, Statement } from '../../db/client.ts';
import { and, eq, gt, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Bus, DomainEvent, DomainEventType, Listeners, PublishedEvent } from '../../kernel/bus.ts';
import { listenerStatements } from '../../kernel/bus.ts';
import { newUuid } from '../../kernel/ids.ts';
import { eventInterest } from './events.tables.ts';

/** The schema version of each event type that leaves the process, from the emitting modules' manifests. */
export type PublishedEvents = Readonly<Partial<Record<DomainEventType, number>>>;

/**
 * The events one request added to its writes; the relay sends them after the response. Without one
 * (a bus outside a request), the sweep sends them once their claim has run out.
 */
export class PendingEvents {
  readonly events: PublishedEvent[] = [];
  /** Per workspace, the interest-bound consumers its events are wanted by, as the credential check answered. */
  readonly #interest = new Map<string, ReadonlySet<string>>();

  /** What the request's credential check read about its workspace (every tenant request has one). */
  learn(workspace: { id: string; eventConsumers: readonly string[] } | null): void {
    if (workspace) this.#interest.set(workspace.id, new Set(workspace.eventConsumers));
  }

  /** Whether one of `consumers` wants `workspaceId`'s events; false when the request never learned it. */
  wants(workspaceId: string, consumers: readonly string[]): boolean {
    const interest = this.#interest.get(workspaceId);
    return interest !== undefined && consumers.some((name) => interest.has(name));
  }

  /** Like `wants`, but true as well when the request never learned `workspaceId`'s interest. */
  mayWant(workspaceId: string, consumers: readonly string[]): boolean {
    return !this.#interest.has(workspaceId) || this.wants(workspaceId, consumers);
  }
}

/**
 * Who consumes one event type: `always` when a consumer takes it in every workspace, and the names
 * of the consumers that take it only where the workspace holds their interest (`when:
 * 'workspace-interest'`, docs/decisions/054-events-by-workspace-interest.md).
 */
export interface EventRoute {
  readonly always: boolean;
  readonly onInterest: readonly string[];
}

const everywhere: EventRoute = { always: true, onInterest: [] };

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
    private readonly routeOf: (type: string) => EventRoute = () => everywhere,
  ) {}

  /**
   * An event no consumer takes in its workspace is kept as a record (for replays), already sent: no
   * message, no work. Whether an interest-bound consumer takes it is decided twice, both without a
   * round trip: the relay sends it when the request's credential check said so, and the row itself
   * asks `event_interest` as it is inserted, so that a stale answer (an admission remembered from
   * before an endpoint was added, a bus outside a request) leaves the row to the sweep, never lost.
   */
  reactionsTo(event: DomainEvent, db: QueryBuilder): Statement[] {
    const reactions = listenerStatements(this.listeners, event, db);
    const version = this.published[event.type];
    if (version === undefined) return reactions;
    const { onlyIf, ...announced } = event as DomainEvent & { onlyIf?: SQL };
    const published = toPublished(announced as DomainEvent, version);
    const route = this.routeOf(event.type);
    const relayed = route.always || (this.pending?.wants(published.workspace_id, route.onInterest) ?? false);
    if (relayed) this.pending?.events.push(published);
    const sentAt = route.always
      ? null
      : route.onInterest.length === 0
        ? sql`now()`
        : sentUnlessWanted(published.workspace_id, route.onInterest);
    return [...reactions, outboxInsert(db, published, { relayed, sentAt, onlyIf })];
  }
}

/**
 * True (in SQL) while `consumer` holds a live interest in the workspace `workspaceId` names (a value
 * or a column): holders counted and not lapsed. For modules that act only where someone is there.
 */
export const holdsLiveInterest = (workspaceId: SQL | string, consumer: string): SQL =>
  sql`exists (select 1 from ${eventInterest} where ${and(
    sql`${eventInterest.workspaceId} = ${workspaceId}`,
    eq(eventInterest.consumer, consumer),
    gt(eventInterest.holders, 0),
    or(isNull(eventInterest.expiresAt), gt(eventInterest.expiresAt, sql`now()`)),
  )})`;

/**
 * Unsent (null) while one of the consumers holds an interest in the workspace, else sent now: decided
 * inside the insert. One SQL text, like the insert it sits in (see `outboxInsert`).
 */
const sentUnlessWanted = (workspaceId: string, consumers: readonly string[]): SQL =>
  sql`case when exists (select 1 from event_interest i where i.workspace_id = ${workspaceId} and i.consumer in (${sql.join(
    consumers.map((name) => sql`${name}`),
    sql`, `,
  )}) and i.holders > 0 and (i.expires_at is null or i.expires_at > now())) then null else now() end`;

function toPublished(event: DomainEvent, version: number): PublishedEvent {
  const { type, workspaceId, ...payload } = event as DomainEvent & { workspaceId: string };
  return { id: newUuid(), type, version, workspace_id: workspaceId, occurred_at: new Date().toISOString(), payload };
}

/**
 * The row: claimed when the relay sends it from memory (so the sweep leaves it alone meanwhile);
 * unsent, and so the sweep's once any claim has run out, when a consumer wants it; otherwise sent.
 * An event may carry `onlyIf`, a condition evaluated in the publisher's transaction after its change
 * (an update that found its row): the row is written only when it holds, so a batched write that
 * touched nothing announces nothing. The relay may still send it from memory; the consumer drops an
 * event without a row. One SQL text rather than the query builder, as with the audit entry: the row
 * rides along every publishing write, and building the statement is then the cost.
 */
function outboxInsert(
  db: QueryBuilder,
  event: PublishedEvent,
  { relayed, sentAt, onlyIf }: { relayed: boolean; sentAt: SQL | null; onlyIf?: SQL | undefined },
): Statement {
  const claimedUntil = relayed ? sql`now() + make_interval(secs => ${CLAIM_SECONDS})` : sql`null`;
  const row = sql`${event.id}::uuid, ${event.workspace_id}::uuid, ${event.type}, ${event.version}::int, ${JSON.stringify(event.payload)}::jsonb,
    ${event.occurred_at}::timestamptz, (${claimedUntil})::timestamptz, (${sentAt ?? sql`null`})::timestamptz`;
  return db.execute(
    sql`insert into outbox_event (id, workspace_id, type, version, payload, occurred_at, claimed_until, sent_at) ${
      onlyIf ? sql`select ${row} where ${onlyIf}` : sql`values (${row})`
    }`,
  );
}
