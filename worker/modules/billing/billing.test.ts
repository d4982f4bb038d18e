import { beforeAll, describe, expect, it } from 'vitest';
import { testCards } from '../../../scripts/stripe-local/account.ts';
import type { SignedDelivery } from '../../../scripts/stripe-local/webhooks.ts';
import { parsePublicId } from '../../kernel/ids.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { addMember, inspectSql } from '../../test/db.ts';
import { applyEvent, deliver, payCheckout, syncTestPlans, takeDeliveries } from './local-stripe.testing.ts';

beforeAll(() => syncTestPlans());

async function ownerWorkspace() {
  const owner = await signUp();
  const ws = await createWorkspace(owner.cookie);
  return { ...owner, ws, workspaceId: parsePublicId('workspace', ws.id) ?? '', base: `/api/v1/w/${ws.slug}/billing` };
}

async function startCheckout(w: Awaited<ReturnType<typeof ownerWorkspace>>, plan = 'pro', interval = 'month') {
  const res = await call('POST', `${w.base}/checkout`, { cookie: w.cookie, body: { plan, interval } });
  expect(res.status, res.text).toBe(200);
  return res.json.url as string;
}

/** Checkout paid with the test card: the deliveries Stripe made, not yet sent to the app. */
async function paidCheckout(w: Awaited<ReturnType<typeof ownerWorkspace>>, plan = 'pro', interval = 'month') {
  const url = await startCheckout(w, plan, interval);
  await takeDeliveries(); // anything earlier tests left behind
  const paid = await payCheckout(url, testCards.succeeds);
  expect(paid.status).toBe(302);
  return takeDeliveries();
}

/** Sends each delivery to the webhook endpoint, then runs the job each queued. */
async function deliverAndApply(deliveries: SignedDelivery[]) {
  for (const d of deliveries) expect((await deliver(d)).status).toBe(200);
  for (const d of deliveries) await applyEvent(d.event_id);
}

async function ledger(eventId: string) {
  return (await inspectSql()`select type, processed_at, outcome from stripe_event where id = ${eventId}`) as Array<Record<string, any>>;
}

describe('billing: checkout, portal and the plan in force', () => {
  it('starts on its trial, checks out to a hosted page, and grants the plan only when the signed webhook is applied', async () => {
    const w = await ownerWorkspace();
    expect((await call('GET', w.base, { cookie: w.cookie })).json).toEqual({ plan: 'team', subscription: null });

    const deliveries = await paidCheckout(w, 'pro', 'year');
    expect(deliveries.map((d) => d.type)).toEqual(['customer.subscription.created', 'invoice.paid', 'checkout.session.completed']);
    // The person is back on the success URL: nothing is granted yet, the trial goes on.
    expect((await call('GET', w.base, { cookie: w.cookie })).json.plan).toBe('team');

    await deliverAndApply(deliveries);
    const billing = await call('GET', w.base, { cookie: w.cookie });
    expect(billing.json).toMatchObject({
      plan: 'pro',
      subscription: { payment_provider: 'stripe', plan: 'pro', interval: 'year', status: 'active', cancel_at: null, seats: 1 },
    });
    expect(Date.parse(billing.json.subscription.current_period_end)).toBeGreaterThan(Date.now() + 300 * 86_400_000);
    for (const d of deliveries)
      expect(await ledger(d.event_id)).toEqual([{ type: d.type, processed_at: expect.any(String), outcome: 'applied' }]);

    // Subscribed: a second checkout is refused, the portal opens on the same customer.
    const again = await call('POST', `${w.base}/checkout`, { cookie: w.cookie, body: { plan: 'team' } });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('ALREADY_SUBSCRIBED');
    const portal = await call('POST', `${w.base}/portal`, { cookie: w.cookie });
    expect(portal.status).toBe(200);
    expect(portal.json.url).toMatch(/\/portal\/bps_/);
  });

  it('creates one provider customer per workspace, even when two first checkouts race', async () => {
    const w = await ownerWorkspace();
    const urls = await Promise.all([startCheckout(w), startCheckout(w, 'team')]);
    expect(urls[0]).not.toBe(urls[1]);
    const rows = (await inspectSql()`select provider_customer_id from billing_customer where workspace_id = ${w.workspaceId}`) as unknown[];
    expect(rows).toHaveLength(1);
  });

  it('changes nothing when the card is declined', async () => {
    const w = await ownerWorkspace();
    const url = await startCheckout(w);
    await takeDeliveries();
    expect((await payCheckout(url, testCards.declines)).status).toBe(402);
    expect(await takeDeliveries()).toEqual([]);
    expect((await call('GET', w.base, { cookie: w.cookie })).json.plan).toBe('team');
  });

  it('refuses a plan that is not sold, an unknown interval and extra fields', async () => {
    const w = await ownerWorkspace();
    for (const body of [{ plan: 'free' }, { plan: 'pro', interval: 'week' }, { plan: 'pro', seats: 3 }]) {
      const res = await call('POST', `${w.base}/checkout`, { cookie: w.cookie, body });
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION_FAILED');
    }
    expect(await inspectSql()`select 1 from billing_customer where workspace_id = ${w.workspaceId}`).toEqual([]);
  });

  it('answers 409 for the portal before any checkout', async () => {
    const w = await ownerWorkspace();
    const res = await call('POST', `${w.base}/portal`, { cookie: w.cookie });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('NO_BILLING_ACCOUNT');
  });

  it('lets only owners see or change billing: admins and members get 403', async () => {
    const w = await ownerWorkspace();
    for (const role of ['admin', 'member'] as const) {
      const person = await signUp();
      await addMember(w.workspaceId, parsePublicId('user', person.user.id) ?? '', role);
      for (const [method, path] of [
        ['GET', w.base],
        ['POST', `${w.base}/checkout`],
        ['POST', `${w.base}/portal`],
      ] as const) {
        const res = await call(method, path, { cookie: person.cookie, ...(method === 'POST' ? { body: { plan: 'pro' } } : {}) });
        expect(res.status, `${role} ${method} ${path}`).toBe(403);
      }
    }
    expect(await inspectSql()`select 1 from billing_customer where workspace_id = ${w.workspaceId}`).toEqual([]);
  });
});
