import { env } from 'cloudflare:workers';
import Stripe from 'stripe';
import { delivery, envelope, runBatch } from '../../../queues/test/fixtures.ts';
import { syncPlans } from '../../../scripts/billing-sync-lib.ts';
import type { SignedDelivery } from '../../../scripts/stripe-local/webhooks.ts';
import type { PublishedEvent } from '../../kernel/bus.ts';
import { testCards } from '../../../scripts/stripe-local/account.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { workspaceUuid } from '../../test/lifecycle.ts';
import { expect } from 'vitest';
import { inspectSql } from '../../test/db.ts';

/**
 * Test code only: the local Stripe the test setup started (scripts/stripe-local), driven through its
 * control API, and the app's side of a webhook delivery.
 */
const bindings = env as unknown as { STRIPE_API_URL: string; STRIPE_SECRET_KEY: string; STRIPE_WEBHOOK_SECRET: string };
export const stripeUrl = bindings.STRIPE_API_URL;
export const webhookSecret = bindings.STRIPE_WEBHOOK_SECRET;

export function stripeClient(): Stripe {
  const url = new URL(stripeUrl);
  return new Stripe(bindings.STRIPE_SECRET_KEY, {
    host: url.hostname,
    port: Number(url.port),
    protocol: 'http',
    httpClient: Stripe.createFetchHttpClient(),
    maxNetworkRetries: 0,
  });
}

let synced: Promise<unknown> | undefined;
/** The plans' products and prices, as `npm run billing:sync` makes them (once per test file). */
export const syncTestPlans = () => {
  synced ??= syncPlans(stripeClient());
  return synced;
};

async function control<T>(path: string, method = 'POST'): Promise<T> {
  const res = await fetch(`${stripeUrl}/__control${path}`, { method });
  if (!res.ok) throw new Error(`local Stripe ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The signed deliveries waiting at the local Stripe, handed over (the test sends them). */
export const takeDeliveries = async (order: 'sent' | 'reverse' = 'sent') =>
  (await control<{ data: SignedDelivery[] }>(`/deliveries/take?order=${order}`)).data;

export const resendEvent = async (eventId: string, times = 1) =>
  (await control<{ data: SignedDelivery[] }>(`/events/${eventId}/resend?times=${times}`)).data;

export const failNextInvoice = () => control('/fail-next-invoice');
export const renewSubscription = (id: string) => control(`/subscriptions/${id}/renew`);

/** What the hosted checkout page does when a person submits it with a test card. */
export async function payCheckout(url: string, card: string) {
  return fetch(url, { method: 'POST', body: new URLSearchParams({ card }), redirect: 'manual' });
}

/** Posts a delivery to the app's webhook endpoint, exactly as Stripe would. */
export const deliver = (d: Pick<SignedDelivery, 'payload' | 'headers'>) =>
  call('POST', '/api/v1/billing/webhooks/stripe', { rawBody: d.payload, headers: d.headers });

/** The outbox events that carry a provider event to its consumer, as the relay sends them. */
export async function outboxEventsOf(providerEventId: string): Promise<PublishedEvent[]> {
  const rows = (await inspectSql()`
    select id, type, version, workspace_id, occurred_at, payload from outbox_event
    where type = 'billing.provider-event' and payload->>'providerEventId' = ${providerEventId}`) as Array<
    PublishedEvent & { occurred_at: string | Date }
  >;
  return rows.map((r) => ({ ...r, occurred_at: new Date(r.occurred_at).toISOString() }));
}

/**
 * Runs the outbox's dispatch of the provider event through the real queue consumer, as the queue
 * would deliver it, and answers what the ledger then says (`applied`, `ignored`, …; undefined when the
 * event was never recorded).
 */
export async function applyEvent(eventId: string): Promise<string | undefined> {
  for (const event of await outboxEventsOf(eventId)) await runBatch([delivery(envelope('events.dispatch', event))]);
  const [row] = (await inspectSql()`select outcome from stripe_event where id = ${eventId}`) as Array<{ outcome: string | null }>;
  return row?.outcome ?? undefined;
}

/** `t=…,v1=…` over the payload with a secret, at a chosen time (Web Crypto, as Stripe signs). */
export async function sign(payload: string, secret: string, timestamp = Math.floor(Date.now() / 1000)) {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${timestamp}.${payload}`));
  const hex = [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `t=${timestamp},v1=${hex}`;
}

/** The Billing Meters events the local Stripe received, oldest first. */
export const meterEventsAtStripe = async () =>
  (
    await control<{ data: Array<{ event_name: string; identifier: string; payload: { stripe_customer_id: string; value: string } }> }>(
      '/meter_events',
      'GET',
    )
  ).data;

/** A workspace whose owner bought `plan` through Checkout, applied; its Stripe subscription id. */
export async function subscribed(plan: 'pro' | 'team') {
  const owner = await signUp('Sam Seats');
  const ws = await createWorkspace(owner.cookie);
  const base = `/api/v1/w/${ws.slug}`;
  const checkout = await call('POST', `${base}/billing/checkout`, { cookie: owner.cookie, body: { plan } });
  expect(checkout.status, checkout.text).toBe(200);
  await takeDeliveries();
  expect((await payCheckout(checkout.json.url, testCards.succeeds)).status).toBe(302);
  const deliveries = await takeDeliveries();
  for (const d of deliveries) expect((await deliver(d)).status).toBe(200);
  for (const d of deliveries) await applyEvent(d.event_id);
  const created = deliveries.find((d) => d.type === 'customer.subscription.created') as SignedDelivery;
  const subscriptionId = (JSON.parse(created.payload) as { data: { object: { id: string } } }).data.object.id;
  return { owner, ws, base, id: workspaceUuid(ws.id), subscriptionId };
}

/** The next collection attempt of an open invoice: paid, or failed again. */
export const retryInvoice = (id: string, outcome: 'pay' | 'fail') => control(`/invoices/${id}/retry?outcome=${outcome}`);

/** Sends every delivery waiting at the local Stripe and applies each; answers them. */
export async function deliverAndApplyAll(): Promise<SignedDelivery[]> {
  const deliveries = await takeDeliveries();
  for (const d of deliveries) expect((await deliver(d)).status).toBe(200);
  for (const d of deliveries) await applyEvent(d.event_id);
  return deliveries;
}
