import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plans, stripeLookupKey } from '../worker/modules/billing/billing.plans.ts';
import { stripeProductId, syncPlans } from './billing-sync-lib.ts';
import type { FakeServer } from './identity-fakes/http.ts';
import { startLocalStripe } from './stripe-local/index.ts';

let server: FakeServer;
let stripe: Stripe;

beforeAll(async () => {
  server = await startLocalStripe({ port: 0, secretKey: 'sk_test_sync', webhookSecret: 'whsec_sync' });
  stripe = new Stripe('sk_test_sync', { host: '127.0.0.1', port: server.port, protocol: 'http', maxNetworkRetries: 0 });
});
afterAll(() => server.close());

describe('npm run billing:sync', () => {
  it('creates the products and prices of the plans once; a second run changes nothing', async () => {
    const first = await syncPlans(stripe);
    expect(first.created).toHaveLength(2 + 4 + 1);
    const second = await syncPlans(stripe);
    expect(second).toEqual({ created: [], updated: [], unchanged: expect.any(Array), archived: [] });
    expect((await stripe.products.list({ limit: 100 })).data.map((p) => p.id).sort()).toEqual(['plan_pro', 'plan_team']);
    const prices = await stripe.prices.list({ limit: 100 });
    expect(prices.data).toHaveLength(4);
    const proMonthly = prices.data.find((price) => price.lookup_key === stripeLookupKey('pro', 'month'));
    expect(proMonthly).toMatchObject({
      unit_amount: plans.pro.prices.month.amount,
      currency: 'usd',
      recurring: { interval: 'month' },
      product: stripeProductId('pro'),
    });
  });

  it('creates the Billing Meter the usage roll-up reports to once, by its event name, and revives a deactivated one', async () => {
    await syncPlans(stripe);
    const meters = async () => (await stripe.billing.meters.list({ limit: 100 })).data;
    expect(await meters()).toEqual([
      expect.objectContaining({
        object: 'billing.meter',
        event_name: 'api_requests',
        display_name: 'API requests',
        status: 'active',
        default_aggregation: { formula: 'sum' },
        customer_mapping: { type: 'by_id', event_payload_key: 'stripe_customer_id' },
        value_settings: { event_payload_key: 'value' },
      }),
    ]);
    const again = await syncPlans(stripe);
    expect(again.created).toEqual([]);
    expect(again.unchanged).toContain('meter api_requests');
    expect(await meters()).toHaveLength(1);

    const [meter] = await meters();
    await stripe.billing.meters.deactivate(meter?.id as string);
    await stripe.billing.meters.update(meter?.id as string, { display_name: 'Renamed in the dashboard' });
    const revived = await syncPlans(stripe);
    expect(revived).toMatchObject({ created: [], updated: ['meter api_requests'] });
    expect(await meters()).toEqual([expect.objectContaining({ id: meter?.id, status: 'active', display_name: 'API requests' })]);
  });

  it('replaces a price whose amount differs from the plans file and archives the old one', async () => {
    await syncPlans(stripe);
    const key = stripeLookupKey('team', 'year');
    const [old] = (await stripe.prices.list({ lookup_keys: [key] })).data;
    // someone moved the key to a price with another amount in the dashboard
    const drifted = await stripe.prices.create({
      product: stripeProductId('team'),
      unit_amount: 1,
      currency: 'usd',
      recurring: { interval: 'year' },
      lookup_key: key,
      transfer_lookup_key: true,
    });
    const report = await syncPlans(stripe);
    expect(report.created).toEqual([`price ${key}`]);
    expect(report.archived).toEqual([`price ${drifted.id}`]);
    const [current] = (await stripe.prices.list({ lookup_keys: [key] })).data;
    expect(current?.unit_amount).toBe(plans.team.prices.year.amount);
    expect(current?.id).not.toBe(old?.id);
    expect((await stripe.prices.retrieve(drifted.id)).active).toBe(false);
  });
});
