import type { PublishedEvent } from '../kernel/bus.ts';
import type { ConsumerDeps, EventConsumer } from './module.ts';

export type ConsumerHandler = (event: PublishedEvent, deps: ConsumerDeps) => Promise<void>;

/**
 * An event consumer whose handler loads on its first event. What a request needs to route an event
 * (the consumer's name, its event types, `when`) is declared here, in the manifest; the handler and
 * what it imports stay out of the start-up of an isolate that only serves requests
 * (docs/decisions/077-background-work-on-first-use.md). A load that fails is tried again on the next event.
 *
 * @example
 * lazyConsumer({ name: 'webhooks.fan-out', events: '*' }, () => import('./webhook-fan-out.ts').then((m) => m.fanOut))
 */
export function lazyConsumer(declaration: Omit<EventConsumer, 'handle'>, load: () => Promise<ConsumerHandler>): EventConsumer {
  let handler: Promise<ConsumerHandler> | undefined;
  return Object.freeze({
    ...declaration,
    async handle(event: PublishedEvent, deps: ConsumerDeps) {
      handler ??= load().catch((error: unknown) => {
        handler = undefined;
        throw error;
      });
      return (await handler)(event, deps);
    },
  });
}
