import type { Tx } from '../../db/gateway.ts';
import type { ConsumerHandler } from '../lazy-consumers.ts';
import type { PaymentProvider, ProviderEvent } from '../../kernel/payment-provider.ts';
import { planFromLookupKey } from './billing.plans.ts';
import * as repo from './billing.repo.ts';
import { newUuid } from '../../kernel/ids.ts';
import { applyDunning } from './dunning.service.ts';

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
 * Applies one recorded provider event, from the outbox (docs/decisions/042-stripe-event-ledger.md).
 * The consumer's own receipt makes one delivery of the outbox event take effect; the ledger row,
 * locked and marked processed in the same transaction as the effect, makes one of any number of
 * outbox events for the same provider event take effect. A subscription event re-reads the
 * subscription from the provider under a per-subscription lock and stores that state: whatever order
 * events arrive in, the table ends in the provider's latest state.
 */
export const applyProviderEvent: ConsumerHandler = async (published, { tx, services: { payments, mail, bus } }) => {
  if (!payments) throw new Error('billing.apply-provider-event needs the payment provider (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET)');
  if (published.version !== 1) throw new Error(`billing.provider-event version ${published.version} is not known`);
  const providerEventId = String(published.payload.providerEventId);
  const [row] = await repo.lockUnprocessedEvent(tx, providerEventId);
  if (!row) return;
  const event: ProviderEvent = { id: row.id, type: row.type, created: row.providerCreated, payload: row.payload };
  const outcome = handledEventTypes.has(event.type) ? await applyEvent(tx, payments, event) : 'ignored';
  const invoice = payments.invoiceOf(event);
  if (invoice) await applyDunning(tx, { mail, bus }, published.workspace_id, event, invoice);
  await repo.markProcessed(tx, providerEventId, outcome);
};

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
