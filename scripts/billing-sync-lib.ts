import type Stripe from 'stripe';
import { type BillingInterval, type PaidPlanId, paidPlanIds, plans, stripeLookupKey } from '../worker/modules/billing/billing.plans.ts';

export interface SyncReport {
  created: string[];
  updated: string[];
  unchanged: string[];
  archived: string[];
}

/** A plan's product in Stripe has this id, so a second run finds it instead of making another. */
export const stripeProductId = (plan: PaidPlanId) => `plan_${plan}`;

/**
 * Makes the Stripe account's products and prices match `billing.plans.ts`. Idempotent: products are
 * found by their fixed id, prices by their lookup key. A price's amount cannot change in Stripe, so a
 * changed price is a new price that takes over the lookup key (`transfer_lookup_key`), and the old
 * one is archived; subscriptions on it keep it until they change plan.
 */
export async function syncPlans(stripe: Stripe): Promise<SyncReport> {
  const report: SyncReport = { created: [], updated: [], unchanged: [], archived: [] };
  for (const planId of paidPlanIds) {
    const productId = await syncProduct(stripe, planId, report);
    for (const interval of ['month', 'year'] as const) await syncPrice(stripe, planId, interval, productId, report);
  }
  return report;
}

async function syncProduct(stripe: Stripe, planId: PaidPlanId, report: SyncReport): Promise<string> {
  const plan = plans[planId];
  const id = stripeProductId(planId);
  const wanted = { name: plan.name, description: plan.description, metadata: { plan_id: planId } };
  const existing = await stripe.products.retrieve(id).catch((error: { statusCode?: number }) => {
    if (error.statusCode === 404) return null;
    throw error;
  });
  if (!existing) {
    await stripe.products.create({ id, ...wanted });
    report.created.push(`product ${id}`);
  } else if (
    existing.name !== wanted.name ||
    existing.description !== wanted.description ||
    existing.metadata.plan_id !== planId ||
    !existing.active
  ) {
    await stripe.products.update(id, { ...wanted, active: true });
    report.updated.push(`product ${id}`);
  } else {
    report.unchanged.push(`product ${id}`);
  }
  return id;
}

async function syncPrice(stripe: Stripe, planId: PaidPlanId, interval: BillingInterval, productId: string, report: SyncReport) {
  const price = plans[planId].prices[interval];
  const lookupKey = stripeLookupKey(planId, interval);
  const [current] = (await stripe.prices.list({ lookup_keys: [lookupKey], limit: 1 })).data;
  if (
    current?.active &&
    current.unit_amount === price.amount &&
    current.currency === price.currency &&
    current.recurring?.interval === interval &&
    current.product === productId
  ) {
    report.unchanged.push(`price ${lookupKey}`);
    return;
  }
  await stripe.prices.create({
    product: productId,
    unit_amount: price.amount,
    currency: price.currency,
    recurring: { interval },
    lookup_key: lookupKey,
    transfer_lookup_key: true,
    metadata: { plan_id: planId, interval },
  });
  report.created.push(`price ${lookupKey}`);
  if (current?.active) {
    await stripe.prices.update(current.id, { active: false });
    report.archived.push(`price ${current.id}`);
  }
}
