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
 * A listener runs inside the publisher's unit of work (`Ctx`, the open transaction), so its writes
 * commit or roll back with the change it reacts to. Listeners must therefore be quick, touch only
 * the database, and be idempotent; anything slow or external belongs in a queued job.
 */
export type Listener<T extends DomainEventType, Ctx> = (event: EventOf<T>, ctx: Ctx) => Promise<void>;

export type Listeners<Ctx> = { [T in DomainEventType]?: ReadonlyArray<Listener<T, Ctx>> };

/**
 * The event bus seam. Services publish; they never name listeners.
 *
 * @example
 * await bus.publish({ type: 'project.created', workspaceId, projectId }, tx);
 */
export interface Bus<Ctx> {
  publish(event: DomainEvent, ctx: Ctx): Promise<void>;
}

/** In-process delivery: each listener of the event, in registration order, in the caller's transaction. */
export class InProcessBus<Ctx> implements Bus<Ctx> {
  readonly #listeners: Listeners<Ctx>;

  constructor(listeners: Listeners<Ctx>) {
    this.#listeners = listeners;
  }

  async publish(event: DomainEvent, ctx: Ctx): Promise<void> {
    const listeners = (this.#listeners[event.type] ?? []) as ReadonlyArray<Listener<DomainEventType, Ctx>>;
    for (const listener of listeners) await listener(event, ctx);
  }
}
