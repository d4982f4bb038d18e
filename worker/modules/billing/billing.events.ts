import { z } from 'zod';

/**
 * The billing module's published events. `billing.provider-event` carries a verified provider event
 * (its id in the ledger) to the consumer that applies it (docs/decisions/042-stripe-event-ledger.md).
 */
declare module '../../kernel/bus.ts' {
  interface DomainEvents {
    'billing.provider-event': { workspaceId: string; providerEventId: string };
  }
}

export const publishes = {
  'billing.provider-event': {
    version: 1,
    summary: 'A verified payment provider event was recorded',
    payload: z.strictObject({ workspaceId: z.uuid(), providerEventId: z.string() }),
    // Internal: it carries the provider's event to billing's own consumer, never to customers' endpoints.
    webhook: false,
  },
} as const;
