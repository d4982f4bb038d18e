/**
 * The billing module's published events. `billing.provider-event` carries a verified provider event
 * (its id in the ledger) to the consumer that applies it (docs/decisions/042-stripe-event-ledger.md).
 */
declare module '../../kernel/bus.ts' {
  interface DomainEvents {
    'billing.provider-event': { workspaceId: string; providerEventId: string };
  }
}

export const publishes = { 'billing.provider-event': 1 } as const;
