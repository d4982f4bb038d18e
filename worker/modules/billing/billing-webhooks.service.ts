import { enqueue, type JobQueue } from '../../../queues/enqueue.ts';
import type { Database } from '../../db/client.ts';
import { AppError } from '../../kernel/errors.ts';
import { PaymentEventRejected, type PaymentProvider } from '../../kernel/payment-provider.ts';
import { applyStripeEvent } from './billing-events.job.ts';
import * as repo from './billing.repo.ts';

/**
 * A Stripe webhook delivery (docs/decisions/042-stripe-event-ledger.md): verified on the raw body,
 * recorded in the ledger by event id, and handed to the queue; the effect is applied there, once.
 * A rejected delivery writes nothing. One statement and one queue send: Stripe gets its 2xx fast.
 */
export async function receiveStripeEvent(
  db: Database,
  deps: { payments: PaymentProvider | undefined; queue: JobQueue },
  rawBody: string,
  signature: string | null,
) {
  if (!deps.payments) throw new AppError('SERVICE_UNAVAILABLE', 'Billing is not configured on this deployment');
  const event = await deps.payments.verifyEvent(rawBody, signature).catch((error: unknown) => {
    if (error instanceof PaymentEventRejected) throw new AppError('WEBHOOK_SIGNATURE_INVALID', error.message);
    throw error;
  });
  const recorded = await repo.recordEvent(db.http, {
    id: event.id,
    type: event.type,
    providerCreated: event.created,
    payload: event.payload,
  });
  // An event already applied needs nothing; a new or unfinished one (an earlier send lost) is queued.
  if (recorded.length > 0) await enqueue(deps.queue, applyStripeEvent, { event_id: event.id });
  return { received: true as const };
}
