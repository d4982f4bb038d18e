import type Stripe from 'stripe';
import { type MeterMetric, meterMetrics } from '../worker/kernel/meter.ts';
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
 * one is archived; subscriptions on it keep it until they change plan. The Billing Meters the usage
 * roll-up reports to are made too, found by their event names.
 */
export async function syncPlans(stripe: Stripe): Promise<SyncReport> {
  const report: SyncReport = { created: [], updated: [], unchanged: [], archived: [] };
  for (const planId of paidPlanIds) {
    const productId = await syncProduct(stripe, planId, report);
    for (const interval of ['month', 'year'] as const) await syncPrice(stripe, planId, interval, productId, report);
  }
  for (const metric of meterMetrics) await syncMeter(stripe, metric, report);
  return report;
}

/** The Billing Meter each metric is reported to (usage.jobs.ts sends the metric as the event name). */
export const meterDisplayNames: Record<MeterMetric, string> = { api_requests: 'API requests' };

/**
 * A metric's Billing Meter, found by its event name: created (summing `value` per customer id) when
 * there is none, reactivated when it was deactivated, its display name kept in line. Meters are
 * never deleted in Stripe, only deactivated, so finding by event name is what makes it idempotent.
 */
async function syncMeter(stripe: Stripe, metric: MeterMetric, report: SyncReport) {
  const displayName = meterDisplayNames[metric];
  const meters = await stripe.billing.meters.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 });
  const mine = meters.filter((meter) => meter.event_name === metric);
  const meter = mine.find((m) => m.status === 'active') ?? mine[0];
  if (!meter) {
    await stripe.billing.meters.create({
      display_name: displayName,
      event_name: metric,
      default_aggregation: { formula: 'sum' },
      customer_mapping: { type: 'by_id', event_payload_key: 'stripe_customer_id' },
      value_settings: { event_payload_key: 'value' },
    });
    report.created.push(`meter ${metric}`);
    return;
  }
  if (meter.status !== 'active') await stripe.billing.meters.reactivate(meter.id);
  if (meter.display_name !== displayName) await stripe.billing.meters.update(meter.id, { display_name: displayName });
  report[meter.status !== 'active' || meter.display_name !== displayName ? 'updated' : 'unchanged'].push(`meter ${metric}`);
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
