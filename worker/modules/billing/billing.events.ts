import { z } from 'zod';
import type { NotificationKind } from '../module.ts';

/**
 * The billing module's published events. `billing.provider-event` carries a verified provider event
 * (its id in the ledger) to the consumer that applies it (docs/decisions/042-stripe-event-ledger.md);
 * `billing.payment_failed` is published by dunning with the step it records.
 */
declare module '../../kernel/bus.ts' {
  interface DomainEvents {
    'billing.provider-event': { workspaceId: string; providerEventId: string };
    /** A payment of the invoice failed (each attempt once; dunning: docs/decisions/058-dunning.md). */
    'billing.payment_failed': { workspaceId: string; invoiceId: string; attempt: number };
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
  'billing.payment_failed': {
    version: 1,
    summary: 'A payment failed',
    payload: z.strictObject({ invoiceId: z.string(), attempt: z.number().int() }),
    // Internal until the billing events are offered to endpoints as a set.
    webhook: false,
  },
} as const;

/** The owners are told in the app; dunning's own mail is the email (so the kind sends none of its own). */
export const notifications = {
  'billing.payment_failed': { summary: 'A payment failed', category: 'billing', ownEmail: true },
} as const satisfies Record<string, NotificationKind>;
