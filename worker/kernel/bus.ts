/**
 * Domain events: facts a service announces after it changed something ("a project was created"),
 * so that other modules can react without the publisher knowing them. Add an event by adding a
 * member to `DomainEvent`; listeners are registered in `wiring.ts`, the composition root.
 */
export type DomainEvent = {
  type: 'project.created';
  workspaceId: string;
  projectId: string;
};

export type DomainEventType = DomainEvent['type'];
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

/** In-process delivery: each listener of the event, in registration order. */
export class InProcessBus<Db, Statement> implements Bus<Db, Statement> {
  readonly #listeners: Listeners<Db, Statement>;

  constructor(listeners: Listeners<Db, Statement>) {
    this.#listeners = listeners;
  }

  reactionsTo(event: DomainEvent, db: Db): Statement[] {
    const listeners = (this.#listeners[event.type] ?? []) as ReadonlyArray<Listener<DomainEventType, Db, Statement>>;
    return listeners.flatMap((listener) => listener(event, db));
  }
}
