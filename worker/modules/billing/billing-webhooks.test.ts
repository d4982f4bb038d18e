import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { testCards } from '../../../scripts/stripe-local/account.ts';
import type { SignedDelivery } from '../../../scripts/stripe-local/webhooks.ts';
import { parsePublicId } from '../../kernel/ids.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { delivery, envelope, runBatch } from '../../../queues/test/fixtures.ts';
import {
  applyEvent,
  deliver,
  failNextInvoice,
  outboxEventsOf,
  payCheckout,
  renewSubscription,
  resendEvent,
  sign,
  stripeClient,
  syncTestPlans,
  takeDeliveries,
  webhookSecret,
} from './local-stripe.testing.ts';

beforeAll(() => syncTestPlans());

/** A workspace whose owner paid for Pro; its deliveries are applied unless `apply` is false. */
async function subscribedWorkspace({ apply = true } = {}) {
  const owner = await signUp();
  const ws = await createWorkspace(owner.cookie);
  const base = `/api/v1/w/${ws.slug}/billing`;
  const checkout = await call('POST', `${base}/checkout`, { cookie: owner.cookie, body: { plan: 'pro' } });
  expect(checkout.status, checkout.text).toBe(200);
  await takeDeliveries();
  expect((await payCheckout(checkout.json.url, testCards.succeeds)).status).toBe(302);
  const deliveries = await takeDeliveries();
  if (apply) {
    for (const d of deliveries) expect((await deliver(d)).status).toBe(200);
    for (const d of deliveries) await applyEvent(d.event_id);
  }
  const created = deliveries.find((d) => d.type === 'customer.subscription.created') as SignedDelivery;
  const object = (JSON.parse(created.payload) as { data: { object: { id: string; customer: string } } }).data.object;
  const billing = async () => (await call('GET', base, { cookie: owner.cookie })).json;
  return {
    deliveries,
    created,
    subscriptionId: object.id,
    customerId: object.customer,
    billing,
    workspaceId: parsePublicId('workspace', ws.id) ?? '',
  };
}

const ledgerRows = async (eventId: string) =>
  (await inspectSql()`select id, processed_at, outcome from stripe_event where id = ${eventId}`) as Array<Record<string, any>>;

function stripeEventJson(type: string, object: Record<string, unknown>) {
  const id = `evt_test_${crypto.randomUUID().replaceAll('-', '')}`;
  return {
    id,
    payload: JSON.stringify({
      id,
      object: 'event',
      api_version: '2026-11-18.endive',
      created: Math.floor(Date.now() / 1000),
      data: { object },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    }),
  };
}

describe('POST /api/v1/billing/webhooks/stripe', () => {
  it('records an event delivered ten times at once in one ledger row and one outbox event, and applies it once', async () => {
    const s = await subscribedWorkspace({ apply: false });
    const invoicePaid = s.deliveries.find((d) => d.type === 'invoice.paid') as SignedDelivery;
    const answers = await Promise.all(Array.from({ length: 10 }, () => deliver(invoicePaid)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(await ledgerRows(invoicePaid.event_id)).toHaveLength(1);
    const [published, ...more] = await outboxEventsOf(invoicePaid.event_id);
    expect(more).toEqual([]);
    expect(published).toMatchObject({ workspace_id: s.workspaceId, payload: { providerEventId: invoicePaid.event_id } });

    // The queue delivers the outbox event ten times at once (it may also have run it in the background).
    const message = envelope('events.dispatch', published);
    await Promise.all(Array.from({ length: 10 }, () => runBatch([delivery(message)])));
    expect(await ledgerRows(invoicePaid.event_id)).toEqual([
      { id: invoicePaid.event_id, processed_at: expect.any(String), outcome: 'applied' },
    ]);
    const receipts = await inspectSql()`
      select 1 from event_receipt where event_id = ${published?.id ?? ''} and handler = 'billing.apply-provider-event'`;
    expect(receipts).toHaveLength(1);
    expect((await s.billing()).subscription.status).toBe('active');
    const rows = await inspectSql()`select 1 from subscription where provider_subscription_id = ${s.subscriptionId}`;
    expect(rows).toHaveLength(1);

    // Stripe replays it a day later: acknowledged, nothing published or changed.
    const [replay] = await resendEvent(invoicePaid.event_id);
    expect((await deliver(replay as SignedDelivery)).status).toBe(200);
    expect(await outboxEventsOf(invoicePaid.event_id)).toHaveLength(1);
    expect(await applyEvent(invoicePaid.event_id)).toBe('applied');
  });

  it('publishes nothing for an event about a customer that is not ours, and settles it as unmatched', async () => {
    const event = stripeEventJson('invoice.paid', { id: 'in_foreign', object: 'invoice', customer: 'cus_not_ours', subscription: 'sub_x' });
    const res = await deliver({
      payload: event.payload,
      headers: { 'content-type': 'application/json', 'stripe-signature': await sign(event.payload, webhookSecret) },
    });
    expect(res.status).toBe(200);
    expect(await outboxEventsOf(event.id)).toEqual([]);
    expect(await ledgerRows(event.id)).toEqual([{ id: event.id, processed_at: expect.any(String), outcome: 'unmatched' }]);
  });

  it('ends in Stripe’s latest state when events arrive out of order', async () => {
    const s = await subscribedWorkspace({ apply: false });
    await failNextInvoice();
    await renewSubscription(s.subscriptionId);
    const renewal = await takeDeliveries('reverse');
    expect(renewal.map((d) => d.type)).toEqual(['customer.subscription.updated', 'invoice.payment_failed']);
    // The renewal's failure arrives first, the checkout's events (subscription active) after it.
    for (const d of [...renewal, ...s.deliveries]) {
      expect((await deliver(d)).status).toBe(200);
      expect(await applyEvent(d.event_id)).toBe('applied');
    }
    expect(await s.billing()).toMatchObject({ plan: 'pro', subscription: { status: 'past_due' } });
  });

  it('downgrades to free when the subscription is deleted, and follows cancel-at-period-end', async () => {
    const s = await subscribedWorkspace();
    const stripe = stripeClient();
    await stripe.subscriptions.update(s.subscriptionId, { cancel_at_period_end: true });
    const [updated] = await takeDeliveries();
    expect(updated?.type).toBe('customer.subscription.updated');
    expect((await deliver(updated as SignedDelivery)).status).toBe(200);
    await applyEvent((updated as SignedDelivery).event_id);
    const ending = await s.billing();
    expect(ending.subscription).toMatchObject({ status: 'active', cancel_at_period_end: true });
    expect(ending.subscription.cancel_at).toBe(ending.subscription.current_period_end);

    await stripe.subscriptions.cancel(s.subscriptionId);
    const [deleted] = await takeDeliveries();
    expect(deleted?.type).toBe('customer.subscription.deleted');
    expect((await deliver(deleted as SignedDelivery)).status).toBe(200);
    await applyEvent((deleted as SignedDelivery).event_id);
    expect(await s.billing()).toMatchObject({ plan: 'free', subscription: { plan: 'pro', status: 'canceled' } });
  });

  it('keeps the customer’s email from customer.updated', async () => {
    const s = await subscribedWorkspace();
    await stripeClient().customers.update(s.customerId, { email: 'billing@example.com' });
    const [updated] = await takeDeliveries();
    expect(updated?.type).toBe('customer.updated');
    expect((await deliver(updated as SignedDelivery)).status).toBe(200);
    expect(await applyEvent((updated as SignedDelivery).event_id)).toBe('applied');
    expect(await inspectSql()`select email from billing_customer where workspace_id = ${s.workspaceId}`).toEqual([
      { email: 'billing@example.com' },
    ]);
  });

  it('acknowledges an unknown event type and ignores it', async () => {
    const event = stripeEventJson('charge.refunded', { id: 'ch_1', object: 'charge' });
    const res = await deliver({
      payload: event.payload,
      headers: { 'content-type': 'application/json', 'stripe-signature': await sign(event.payload, webhookSecret) },
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ received: true });
    expect(await applyEvent(event.id)).toBe('ignored');
    expect(await ledgerRows(event.id)).toEqual([{ id: event.id, processed_at: expect.any(String), outcome: 'ignored' }]);
  });

  it('accepts the previous signing secret during a roll', async () => {
    const event = stripeEventJson('charge.refunded', { id: 'ch_2', object: 'charge' });
    const previous = (env as unknown as { STRIPE_WEBHOOK_SECRET_PREVIOUS: string }).STRIPE_WEBHOOK_SECRET_PREVIOUS;
    const res = await deliver({
      payload: event.payload,
      headers: { 'content-type': 'application/json', 'stripe-signature': await sign(event.payload, previous) },
    });
    expect(res.status).toBe(200);
    expect(await ledgerRows(event.id)).toHaveLength(1);
  });

  it('answers 400 and writes nothing for a bad signature, a stale timestamp, no signature or a body that is not an event', async () => {
    const now = Math.floor(Date.now() / 1000);
    const cases: Array<[string, () => Promise<{ payload: string; signature: string | null; id: string }>, string]> = [
      [
        'other secret',
        async () => {
          const e = stripeEventJson('invoice.paid', { id: 'in_1' });
          return { ...e, signature: await sign(e.payload, 'whsec_someone_else') };
        },
        'WEBHOOK_SIGNATURE_INVALID',
      ],
      [
        'stale timestamp',
        async () => {
          const e = stripeEventJson('invoice.paid', { id: 'in_2' });
          return { ...e, signature: await sign(e.payload, webhookSecret, now - 301) };
        },
        'WEBHOOK_SIGNATURE_INVALID',
      ],
      ['no signature', async () => ({ ...stripeEventJson('invoice.paid', { id: 'in_3' }), signature: null }), 'WEBHOOK_SIGNATURE_INVALID'],
      [
        'tampered body',
        async () => {
          const e = stripeEventJson('invoice.paid', { id: 'in_4' });
          return { ...e, signature: await sign(e.payload, webhookSecret), payload: e.payload.replace('in_4', 'in_5') };
        },
        'WEBHOOK_SIGNATURE_INVALID',
      ],
      [
        'signed, not an event',
        async () => {
          const payload = JSON.stringify({ id: 'evt_not_an_event' });
          return { id: 'evt_not_an_event', payload, signature: await sign(payload, webhookSecret) };
        },
        'WEBHOOK_SIGNATURE_INVALID',
      ],
      [
        'signed, not JSON',
        async () => {
          const payload = '{"id": "evt_broken", ';
          return { id: 'evt_broken', payload, signature: await sign(payload, webhookSecret) };
        },
        'MALFORMED_JSON',
      ],
    ];
    for (const [name, make, code] of cases) {
      const { payload, signature, id } = await make();
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (signature) headers['stripe-signature'] = signature;
      const res = await deliver({ payload, headers: headers as SignedDelivery['headers'] });
      expect(res.status, name).toBe(400);
      expect(res.json.error.code, name).toBe(code);
      expect(await ledgerRows(id), name).toEqual([]);
    }
  });
});
