import type { ConsumerHandler } from '../lazy-consumers.ts';
import { plans } from './billing.plans.ts';
import * as repo from './billing.repo.ts';

/**
 * Keeps a per-seat subscription's quantity on the workspace's members (docs/decisions/043-trials-and-entitlements.md):
 * run from the outbox when members change. Under the subscription's lock it counts the members and,
 * when the count differs from the seats stored, sets the provider's quantity (the provider prorates)
 * and stores it. Idempotent: the quantity is absolute, the consumer's receipt keeps one delivery of
 * an event, and the provider's idempotency key (the event id) answers a repeated call without a
 * second change.
 */
export const syncSeats: ConsumerHandler = async (event, { tx, services: { payments } }) => {
  const [current] = await repo.runningProviderSubscription(tx, event.workspace_id);
  if (!current?.providerSubscriptionId || !plans[current.plan].perSeat) return;
  if (!payments) throw new Error('billing.sync-seats needs the payment provider (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET)');
  await repo.lockProviderSubscription(tx, current.paymentProvider, current.providerSubscriptionId);
  const [counted] = await repo.countMembers(tx, event.workspace_id);
  const members = Math.max(1, Number(counted?.members ?? 1));
  const [stored] = await repo.runningProviderSubscription(tx, event.workspace_id);
  if (!stored || stored.seats === members) return;
  await payments.updateSeats({ subscriptionId: current.providerSubscriptionId, quantity: members, idempotencyKey: `seats-${event.id}` });
  await repo.setSeats(tx, stored.id, members);
};
