import { z } from 'zod';
import { defineJob } from '../../../queues/jobs.ts';
import { type Tx, withSystem } from '../../db/tenant.ts';
import type { PaymentProvider, ProviderEvent } from '../../kernel/payment-provider.ts';
import { planFromLookupKey } from './billing.plans.ts';
import * as repo from './billing.repo.ts';
import { newUuid } from '../../kernel/ids.ts';

/** The event types whose effect is applied; any other is acknowledged and marked `ignored`. */
export const handledEventTypes = new Set([
  'checkout.session.completed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.paid',
  'invoice.payment_failed',
  'customer.updated',
]);

type Outcome = 'applied' | 'ignored' | 'unmatched' | 'unchanged';

/**
 * Applies one recorded Stripe event (docs/decisions/042-stripe-event-ledger.md). The ledger row is
 * locked and marked processed in the transaction that writes the effect, so of any number of
 * deliveries and retries one applies it. A subscription event re-reads the subscription from Stripe
 * under a per-subscription lock and stores that state: whatever order events arrive in, the table
 * ends in Stripe's latest state.
 */
export const applyStripeEvent = defineJob({
  name: 'billing.apply-event',
  version: 1,
  payload: z.strictObject({ event_id: z.string().min(1).max(255) }),
  async handle({ event_id }, { db, payments }) {
    if (!payments) throw new Error('billing.apply-event needs the payment provider (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET)');
    return withSystem(db, async (tx) => {
      const [row] = await repo.lockUnprocessedEvent(tx, event_id);
      if (!row) return { outcome: 'already-processed' };
      const event: ProviderEvent = { id: row.id, type: row.type, created: row.providerCreated, payload: row.payload };
      const outcome = handledEventTypes.has(event.type) ? await applyEvent(tx, payments, event) : 'ignored';
      await repo.markProcessed(tx, event_id, outcome);
      return { outcome, type: event.type };
    });
  },
});

async function applyEvent(tx: Tx, payments: PaymentProvider, event: ProviderEvent): Promise<Outcome> {
  const subject = payments.subjectOf(event);
  switch (subject.kind) {
    case 'customer': {
      const updated = await repo.updateCustomerEmail(tx, payments.name, subject.customerId, subject.email);
      return updated.length > 0 ? 'applied' : 'unchanged';
    }
    case 'subscription':
      return syncSubscription(tx, payments, subject.subscriptionId, event);
    case 'other':
      return 'ignored';
  }
}

async function syncSubscription(tx: Tx, payments: PaymentProvider, subscriptionId: string, event: ProviderEvent): Promise<Outcome> {
  await repo.lockProviderSubscription(tx, payments.name, subscriptionId);
  const state = await payments.fetchSubscription(subscriptionId);
  if (!state) return 'unmatched';
  // The customer row, written by our own checkout, says whose subscription this is; metadata does not.
  const [owner] = await repo.workspaceOfCustomer(tx, payments.name, state.customerId);
  const price = planFromLookupKey(state.priceLookupKey ?? '');
  if (!owner || !price) return 'unmatched';
  await repo.upsertSubscription(tx, {
    id: newUuid(),
    workspaceId: owner.workspaceId,
    paymentProvider: payments.name,
    plan: price.plan,
    billingInterval: state.interval ?? price.interval,
    status: state.status,
    currentPeriodEnd: state.currentPeriodEnd,
    cancelAt: state.cancelAt,
    cancelAtPeriodEnd: state.cancelAtPeriodEnd,
    seats: Math.max(1, state.quantity),
    providerCustomerId: state.customerId,
    providerSubscriptionId: state.id,
    providerPriceId: state.priceId,
    providerCreated: state.created,
    providerUpdated: event.created,
    providerEventId: event.id,
  });
  return 'applied';
}
