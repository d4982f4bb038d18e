import { type Database, system } from '../../db/gateway.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { Bus } from '../../kernel/bus.ts';
import type { QueryBuilder, Statement } from '../../db/gateway.ts';
import { AppError } from '../../kernel/errors.ts';
import { PaymentEventRejected, type PaymentProvider, type ProviderEvent } from '../../kernel/payment-provider.ts';
import { handledEventTypes } from './billing-events.consumer.ts';
import * as repo from './billing.repo.ts';

/**
 * A Stripe webhook delivery (docs/decisions/042-stripe-event-ledger.md): verified on the raw body,
 * then recorded in the ledger together with an outbox event, in one transaction; the consumer
 * applies it once (`billing-events.consumer.ts`). A rejected delivery writes nothing. Two round
 * trips (whose customer, then ledger and outbox) and no queue call before the answer: Stripe gets
 * its 2xx fast, and the request's relay sends the event after the response.
 */
export async function receiveStripeEvent(
  db: Database,
  deps: { payments: PaymentProvider | undefined; bus: Bus<QueryBuilder, Statement> },
  rawBody: string,
  signature: string | null,
) {
  if (!deps.payments) throw new AppError('SERVICE_UNAVAILABLE', 'Billing is not configured on this deployment');
  const payments = deps.payments;
  const event = await payments.verifyEvent(rawBody, signature).catch((error: unknown) => {
    if (error instanceof PaymentEventRejected) throw new AppError('WEBHOOK_SIGNATURE_INVALID', error.message);
    throw error;
  });
  const row = { id: event.id, type: event.type, providerCreated: event.created, payload: event.payload };
  if (!handledEventTypes.has(event.type)) return settle(db, { ...row, outcome: 'ignored' });

  const customerId = payments.subjectOf(event).customerId;
  const [owner] = customerId
    ? await system(db, { role: 'owner' }).query((q) => repo.workspaceOfCustomer(q, payments.name, customerId))
    : [];
  if (!owner) return settle(db, { ...row, outcome: 'unmatched' });

  try {
    await system(db, { role: 'owner', workspace: owner.workspaceId }).batch((q) => [
      repo.insertEvent(q, row),
      ...deps.bus.reactionsTo({ type: 'billing.provider-event', workspaceId: owner.workspaceId, providerEventId: event.id }, q),
    ]);
  } catch (error) {
    // Already recorded (a redelivery, or one of several at once): its outbox event is on its way.
    if (!isUniqueViolation(error, 'stripe_event_pkey')) throw error;
  }
  return received;
}

const received = { received: true as const };

/** An event with nothing to apply: kept in the ledger, settled, and acknowledged. */
async function settle(db: Database, row: Parameters<typeof repo.insertSettledEvent>[1] & Pick<ProviderEvent, 'id'>) {
  await system(db, { role: 'owner' }).query((q) => repo.insertSettledEvent(q, row));
  return received;
}
