/**
 * Domain events: facts a service announces after it changed something ("a project was created"),
 * so that other modules can react without the publisher knowing them. The module that emits an
 * event declares its payload by declaration merging, next to its manifest:
 *
 * @example
 * declare module '../../kernel/bus.ts' {
 *   interface DomainEvents { 'project.created': { workspaceId: string; projectId: string } }
 * }
 *
 * Listeners are named in the listening module's manifest (`listeners`); `wiring.ts` assembles them
 * from the module registry.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in each emitting module
export interface DomainEvents {}

export type DomainEventType = keyof DomainEvents & string;
export type DomainEvent = { [T in DomainEventType]: { type: T } & DomainEvents[T] }[DomainEventType];
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;

/**
 * A listener reacts with statements for the publisher's transaction, built against the publisher's
 * database handle (`Db`) and not yet run. The publisher sends them with its own change: in the same
 * batch (one round trip) or one after another in its interactive transaction. Either way they
 * commit or roll back with the change they react to. Being statements, a reaction cannot read
 * before it decides: it must be quick, touch only the database and be idempotent; anything slow,
 * external or conditional on a read belongs in a queued job.
 */
export type Listener<T extends DomainEventType, Db, Statement> = (event: EventOf<T>, db: Db) => Statement[];

export type Listeners<Db, Statement> = { [T in DomainEventType]?: ReadonlyArray<Listener<T, Db, Statement>> };

/**
 * The event bus seam. Services publish by adding the reactions to their own statements; they never
 * name listeners.
 *
 * @example
 * [insert, audit, ...bus.reactionsTo({ type: 'project.created', workspaceId, projectId }, db)]
 */
export interface Bus<Db, Statement> {
  reactionsTo(event: DomainEvent, db: Db): Statement[];
}

/** The statements of each listener of the event, in registration order. */
export function listenerStatements<Db, Statement>(listeners: Listeners<Db, Statement>, event: DomainEvent, db: Db): Statement[] {
  const forType = (listeners[event.type] ?? []) as ReadonlyArray<Listener<DomainEventType, Db, Statement>>;
  return forType.flatMap((listener) => listener(event, db));
}

/** In-process delivery: each listener of the event, in registration order. */
export class InProcessBus<Db, Statement> implements Bus<Db, Statement> {
  readonly #listeners: Listeners<Db, Statement>;

  constructor(listeners: Listeners<Db, Statement>) {
    this.#listeners = listeners;
  }

  reactionsTo(event: DomainEvent, db: Db): Statement[] {
    return listenerStatements(this.#listeners, event, db);
  }
}

/**
 * A published event as it leaves the process (outbox row, queue message, a consumer's argument): the
 * event's fields except `type` and `workspaceId` are its `payload`. `version` is the payload's schema
 * version, declared by the emitting module; a consumer that meets a version it does not know throws,
 * and the message waits in the dead letters until a deploy teaches it.
 */
export interface PublishedEvent {
  id: string;
  type: string;
  version: number;
  workspace_id: string;
  occurred_at: string;
  payload: Record<string, unknown>;
}
