import { beforeAll, describe, expect, it } from 'vitest';
import type { SignedDelivery } from '../../../scripts/stripe-local/webhooks.ts';
import { delivery, envelope, runBatch } from '../../../queues/test/fixtures.ts';
import { call } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { mailFor, settle } from '../../test/inbox.ts';
import {
  applyEvent,
  deliver,
  deliverAndApplyAll,
  failNextInvoice,
  renewSubscription,
  retryInvoice,
  sign,
  subscribed,
  syncTestPlans,
  takeDeliveries,
  webhookSecret,
} from './local-stripe.testing.ts';

beforeAll(() => syncTestPlans());

const planOf = async (base: string, cookie: string) =>
  (await call('GET', `${base}/billing/plan`, { cookie })).json as { plan: string; state: string };
const dunningAudit = async (workspaceId: string) =>
  (
    (await inspectSql()`select action from audit_log where workspace_id = ${workspaceId} and action like 'billing.dunning%' order by created_at, id`) as Array<{
      action: string;
    }>
  ).map((r) => r.action);
const escalate = () => runBatch([delivery(envelope('billing.escalate-dunning', {}))]);
const backdateDunning = (workspaceId: string, days: number) =>
  inspectSql()`update dunning_step set created_at = now() - make_interval(days => ${days}::int) where workspace_id = ${workspaceId}`;

/** The same payment failure as a new event (another id, same invoice and attempt), signed as Stripe signs. */
async function asNewEvent(d: SignedDelivery) {
  const event = JSON.parse(d.payload) as { id: string };
  const payload = JSON.stringify({ ...event, id: `evt_again${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}` });
  return {
    event_id: JSON.parse(payload).id as string,
    payload,
    headers: { 'content-type': 'application/json', 'stripe-signature': await sign(payload, webhookSecret) },
  };
}

describe('dunning', { timeout: 120_000 }, () => {
  it('mails once per failed attempt, downgrades on the third, suspends at 30 days, schedules deletion at 60, and a paid invoice undoes it all', async () => {
    const s = await subscribed('pro');
    await failNextInvoice();
    await renewSubscription(s.subscriptionId);
    const failed = (await deliverAndApplyAll()).find((d) => d.type === 'invoice.payment_failed') as SignedDelivery;
    const invoiceId = (JSON.parse(failed.payload) as { data: { object: { id: string } } }).data.object.id;
    expect(await mailFor(s.owner.email, 'billing-payment-failed')).toHaveLength(1);
    expect(await planOf(s.base, s.owner.cookie)).toMatchObject({ plan: 'pro', state: 'past_due' });

    // The same attempt again, as a redelivery and as a new event: no second mail, no second entry.
    expect((await deliver(failed)).status).toBe(200);
    const again = await asNewEvent(failed);
    expect((await deliver(again)).status).toBe(200);
    expect(await applyEvent(again.event_id)).toBe('applied');
    await settle();
    expect(await mailFor(s.owner.email, 'billing-payment-failed', { count: 2, timeoutMs: 500 })).toHaveLength(1);
    expect(await dunningAudit(s.id)).toEqual(['billing.dunning_payment_failed']);

    await retryInvoice(invoiceId, 'fail');
    await deliverAndApplyAll();
    expect(await planOf(s.base, s.owner.cookie)).toMatchObject({ plan: 'pro', state: 'past_due' });
    await retryInvoice(invoiceId, 'fail');
    await deliverAndApplyAll();
    expect(await mailFor(s.owner.email, 'billing-payment-failed', { count: 3 })).toHaveLength(3);
    expect(await mailFor(s.owner.email, 'billing-downgraded')).toHaveLength(1);
    expect(await planOf(s.base, s.owner.cookie)).toMatchObject({ plan: 'free', state: 'past_due' });

    // Day 31, with the job run twice: suspended once.
    await backdateDunning(s.id, 31);
    await escalate();
    await escalate();
    expect(
      await inspectSql()`select suspended_at is not null as suspended, deleted_at is null as live from workspace where id = ${s.id}`,
    ).toEqual([{ suspended: true, live: true }]);
    expect((await call('POST', `${s.base}/teams`, { cookie: s.owner.cookie, body: { name: 'Blocked' } })).json.error.code).toBe(
      'WORKSPACE_SUSPENDED',
    );
    expect(await mailFor(s.owner.email, 'billing-suspended')).toHaveLength(1);

    // Day 61: scheduled for deletion through the soft delete.
    await backdateDunning(s.id, 61);
    await escalate();
    await escalate();
    expect(await inspectSql()`select deleted_at is not null as deleted from workspace where id = ${s.id}`).toEqual([{ deleted: true }]);
    expect(await mailFor(s.owner.email, 'billing-deletion-scheduled')).toHaveLength(1);
    expect(await dunningAudit(s.id)).toEqual([
      'billing.dunning_payment_failed',
      'billing.dunning_payment_failed',
      'billing.dunning_payment_failed',
      'billing.dunning_downgraded',
      'billing.dunning_suspended',
      'billing.dunning_deletion_scheduled',
    ]);

    // The invoice is paid: every step reversed.
    await retryInvoice(invoiceId, 'pay');
    await deliverAndApplyAll();
    expect(await inspectSql()`select suspended_at, deleted_at from workspace where id = ${s.id}`).toEqual([
      { suspended_at: null, deleted_at: null },
    ]);
    expect(await planOf(s.base, s.owner.cookie)).toMatchObject({ plan: 'pro', state: 'subscribed' });
    expect(await mailFor(s.owner.email, 'billing-recovered')).toHaveLength(1);
    expect((await dunningAudit(s.id)).at(-1)).toBe('billing.dunning_recovered');
    expect(await inspectSql()`select count(*)::int as open from dunning_step where workspace_id = ${s.id} and reversed_at is null`).toEqual(
      [{ open: 0 }],
    );
    expect((await call('POST', `${s.base}/teams`, { cookie: s.owner.cookie, body: { name: 'Back' } })).status).toBe(201);
    expect(await takeDeliveries()).toEqual([]);
  });
});
