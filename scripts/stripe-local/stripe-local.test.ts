import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeServer } from '../identity-fakes/http.ts';
import { startLocalStripe, testCards } from './index.ts';
import type { SignedDelivery } from './webhooks.ts';

const secretKey = 'sk_test_local_node';
const webhookSecret = 'whsec_local_node';
let server: FakeServer;
let stripe: Stripe;

beforeAll(async () => {
  server = await startLocalStripe({ port: 0, secretKey, webhookSecret });
  stripe = new Stripe(secretKey, { host: '127.0.0.1', port: server.port, protocol: 'http', maxNetworkRetries: 0 });
});
afterAll(() => server.close());

const control = async (path: string, method = 'POST') => (await fetch(`${server.url}/__control${path}`, { method })).json();
const take = async (order = 'sent') => ((await control(`/deliveries/take?order=${order}`)) as { data: SignedDelivery[] }).data;

async function productWithPrice(lookupKey: string) {
  const product = await stripe.products.create({ name: `Plan ${lookupKey}` });
  return stripe.prices.create({
    product: product.id,
    unit_amount: 2_900,
    currency: 'usd',
    recurring: { interval: 'month' },
    lookup_key: lookupKey,
  });
}

describe('the local Stripe, through the stripe SDK', () => {
  it('refuses a wrong secret key with Stripe’s error', async () => {
    const wrong = new Stripe('sk_test_wrong', { host: '127.0.0.1', port: server.port, protocol: 'http', maxNetworkRetries: 0 });
    await expect(wrong.customers.create({})).rejects.toMatchObject({ type: 'StripeAuthenticationError', statusCode: 401 });
  });

  it('answers a repeated Idempotency-Key with the first customer, and refuses it with other parameters', async () => {
    const first = await stripe.customers.create({ name: 'Acme', metadata: { workspace_id: 'ws_1' } }, { idempotencyKey: 'customer-ws_1' });
    const again = await stripe.customers.create({ name: 'Acme', metadata: { workspace_id: 'ws_1' } }, { idempotencyKey: 'customer-ws_1' });
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ object: 'customer', name: 'Acme', metadata: { workspace_id: 'ws_1' } });
    await expect(stripe.customers.create({ name: 'Other' }, { idempotencyKey: 'customer-ws_1' })).rejects.toMatchObject({
      type: 'StripeIdempotencyError',
    });
  });

  it('finds prices by lookup key and moves a key with transfer_lookup_key', async () => {
    const first = await productWithPrice('node_monthly');
    await expect(productWithPrice('node_monthly')).rejects.toMatchObject({ statusCode: 400, param: 'lookup_key' });
    const moved = await stripe.prices.create({
      product: String(first.product),
      unit_amount: 3_900,
      currency: 'usd',
      recurring: { interval: 'month' },
      lookup_key: 'node_monthly',
      transfer_lookup_key: true,
    });
    const found = await stripe.prices.list({ lookup_keys: ['node_monthly'] });
    expect(found.data.map((price) => price.id)).toEqual([moved.id]);
  });

  it('completes a checkout paid with the test card: a subscription and three signed events', async () => {
    const price = await productWithPrice('node_checkout');
    const customer = await stripe.customers.create({ name: 'Paying' });
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: customer.id,
      line_items: [{ price: price.id, quantity: 1 }],
      success_url: 'http://app.test/done?session={CHECKOUT_SESSION_ID}',
      allow_promotion_codes: true,
      subscription_data: { metadata: { workspace_id: 'ws_pay' } },
    });
    expect(session.url).toBe(`${server.url}/checkout/${session.id}`);
    await take();

    const declined = await fetch(session.url as string, {
      method: 'POST',
      body: new URLSearchParams({ card: testCards.declines }),
      redirect: 'manual',
    });
    expect(declined.status).toBe(402);
    expect(await take()).toEqual([]);

    const paid = await fetch(session.url as string, {
      method: 'POST',
      body: new URLSearchParams({ card: testCards.succeeds }),
      redirect: 'manual',
    });
    expect(paid.status).toBe(302);
    expect(paid.headers.get('location')).toBe(`http://app.test/done?session=${session.id}`);
    const deliveries = await take();
    expect(deliveries.map((d) => d.type)).toEqual(['customer.subscription.created', 'invoice.paid', 'checkout.session.completed']);
    const events = deliveries.map((d) => stripe.webhooks.constructEvent(d.payload, d.headers['stripe-signature'], webhookSecret, 300));
    const subscription = events[0]?.data.object as Stripe.Subscription;
    expect(subscription).toMatchObject({ status: 'active', customer: customer.id, metadata: { workspace_id: 'ws_pay' } });
    expect(subscription.items.data[0]?.current_period_end).toBeGreaterThan(subscription.created);
    expect(await stripe.subscriptions.retrieve(subscription.id)).toMatchObject({ id: subscription.id, status: 'active' });
    const invoice = events[1]?.data.object as Stripe.Invoice;
    expect(invoice.parent?.subscription_details?.subscription).toBe(subscription.id);
    expect(() =>
      stripe.webhooks.constructEvent(deliveries[0]?.payload ?? '', deliveries[0]?.headers['stripe-signature'] ?? '', 'whsec_other'),
    ).toThrow();
  });

  it('keeps Billing Meters as Stripe does: one active meter per event name, listed by status, deactivated and reactivated', async () => {
    const params = { display_name: 'Node meter', event_name: 'node_meter', default_aggregation: { formula: 'sum' as const } };
    const meter = await stripe.billing.meters.create(params);
    expect(meter).toMatchObject({
      id: expect.stringMatching(/^mtr_/),
      object: 'billing.meter',
      status: 'active',
      customer_mapping: { type: 'by_id', event_payload_key: 'stripe_customer_id' },
      value_settings: { event_payload_key: 'value' },
      event_time_window: null,
    });
    await expect(stripe.billing.meters.create(params)).rejects.toMatchObject({ statusCode: 400, code: 'resource_already_exists' });
    await expect(
      stripe.billing.meters.create({ ...params, event_name: 'other', default_aggregation: { formula: 'median' } }),
    ).rejects.toMatchObject({
      statusCode: 400,
      param: 'default_aggregation[formula]',
    });
    expect(await stripe.billing.meters.deactivate(meter.id)).toMatchObject({
      status: 'inactive',
      status_transitions: { deactivated_at: expect.any(Number) },
    });
    expect((await stripe.billing.meters.list({ status: 'active' })).data.map((m) => m.id)).not.toContain(meter.id);
    expect((await stripe.billing.meters.list({ status: 'inactive' })).data.map((m) => m.id)).toContain(meter.id);
    const replacement = await stripe.billing.meters.create(params);
    await expect(stripe.billing.meters.reactivate(meter.id)).rejects.toMatchObject({ statusCode: 400 });
    await stripe.billing.meters.deactivate(replacement.id);
    expect(await stripe.billing.meters.reactivate(meter.id)).toMatchObject({
      status: 'active',
      status_transitions: { deactivated_at: null },
    });
    expect(await stripe.billing.meters.retrieve(meter.id)).toMatchObject({ status: 'active' });
  });

  it('fails the next invoice when told, and replays an event on demand', async () => {
    const price = await productWithPrice('node_renew');
    const customer = await stripe.customers.create({});
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: customer.id,
      line_items: [{ price: price.id }],
      success_url: 'http://app.test/done',
    });
    await fetch(session.url as string, { method: 'POST', body: new URLSearchParams({ card: testCards.succeeds }), redirect: 'manual' });
    const [created] = await take();
    const subscriptionId = (JSON.parse(created?.payload ?? '{}') as Stripe.Event).data.object as Stripe.Subscription;
    await control('/fail-next-invoice');
    await control(`/subscriptions/${subscriptionId.id}/renew`);
    const renewal = await take('reverse');
    expect(renewal.map((d) => d.type)).toEqual(['customer.subscription.updated', 'invoice.payment_failed']);
    expect((await stripe.subscriptions.retrieve(subscriptionId.id)).status).toBe('past_due');

    const replayed = (await control(`/events/${created?.event_id}/resend?times=2`)) as { data: SignedDelivery[] };
    expect(replayed.data.map((d) => d.event_id)).toEqual([created?.event_id, created?.event_id]);
  });

  it('delivers signed events to the endpoint as they happen, and holds them to release in reverse', async () => {
    const received: Array<{ type: string; name: string | null }> = [];
    const endpoint = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        const event = stripe.webhooks.constructEvent(body, String(req.headers['stripe-signature']), webhookSecret, 300);
        received.push({ type: event.type, name: (event.data.object as Stripe.Customer).name ?? null });
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    const hook = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/hook`;
    const live = await startLocalStripe({ port: 0, secretKey, webhookSecret, webhookUrl: hook });
    try {
      const client = new Stripe(secretKey, { host: '127.0.0.1', port: live.port, protocol: 'http', maxNetworkRetries: 0 });
      const customer = await client.customers.create({ email: 'a@example.com' });
      await client.customers.update(customer.id, { email: 'b@example.com' });
      await expect.poll(() => received.length).toBe(1);
      await fetch(`${live.url}/__control/hold`, { method: 'POST' });
      await client.customers.update(customer.id, { name: 'First' });
      await client.customers.update(customer.id, { name: 'Second' });
      expect(received).toHaveLength(1);
      const release = (await (await fetch(`${live.url}/__control/release?order=reverse`, { method: 'POST' })).json()) as {
        statuses: number[];
      };
      expect(release.statuses).toEqual([200, 200]);
      expect(received).toEqual([
        { type: 'customer.updated', name: null },
        { type: 'customer.updated', name: 'Second' },
        { type: 'customer.updated', name: 'First' },
      ]);
    } finally {
      await live.close();
      endpoint.close();
    }
  });
});
