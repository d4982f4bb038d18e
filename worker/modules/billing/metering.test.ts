import { env } from 'cloudflare:workers';
import { Redis } from '@upstash/redis/cloudflare';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { delivery, envelope, eventually, runBatch } from '../../../queues/test/fixtures.ts';
import { usagePeriod } from '../../kernel/meter.ts';
import { call } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { createApiKey } from '../../test/lifecycle.ts';
import { putOnPlan, workspaceOn } from './billing.testing.ts';
import { meterEventsAtStripe, syncTestPlans } from './local-stripe.testing.ts';

// Served by the global test setup where redis-server is installed: Redis behind the Upstash bridge.
const url = env.UPSTASH_REDIS_REST_URL as string;
const redis = url ? new Redis({ url, token: env.UPSTASH_REDIS_REST_TOKEN as string, enableTelemetry: false }) : null;
const month = () => usagePeriod(new Date());
const counted = async (workspaceId: string) => Number((await redis?.hget(`usage:${month()}`, `${workspaceId}:api_requests`)) ?? 0);
const rollUp = () => runBatch([delivery(envelope('billing.roll-up-usage', {}))]);
const usage = (workspaceId: string) =>
  inspectSql()`select quantity::int, reported_quantity::int, limit_reached, unlock_plan from usage_record
    where workspace_id = ${workspaceId} and metric = 'api_requests' and period = ${month()}`;

/** A workspace with a Stripe customer (a checkout started, not paid) and an API key. */
async function meteredWorkspace(plan: 'free' | 'pro') {
  const w = await workspaceOn('free');
  expect((await call('POST', `${w.base}/billing/checkout`, { cookie: w.owner.cookie, body: { plan: 'pro' } })).status).toBe(200);
  await putOnPlan(w.id, plan);
  const [customer] = (await inspectSql()`select provider_customer_id from billing_customer where workspace_id = ${w.id}`) as Array<{
    provider_customer_id: string;
  }>;
  return { ...w, customerId: customer?.provider_customer_id as string, key: await createApiKey(w.owner.cookie, w.ws.slug, 'member') };
}

beforeAll(() => syncTestPlans());

describe('metering API requests made with API keys (Redis)', () => {
  beforeEach((ctx) => {
    if (!url) ctx.skip('redis-server is not installed: the meter counts in real Redis behind the REST bridge');
  });

  it('counts key requests after the response, rolls them into usage_record and reports each delta to Stripe once', async () => {
    const w = await meteredWorkspace('pro');
    for (let i = 0; i < 3; i++) expect((await call('GET', `${w.base}/billing/plan`, { apiKey: w.key })).status).toBe(200);
    // A person's requests are not metered.
    expect((await call('GET', `${w.base}/billing/plan`, { cookie: w.owner.cookie })).status).toBe(200);
    expect(
      await eventually(
        () => counted(w.id),
        (n) => n >= 3,
      ),
    ).toBe(3);
    expect(await usage(w.id)).toEqual([]);

    await rollUp();
    await rollUp();
    expect(await usage(w.id)).toEqual([{ quantity: 3, reported_quantity: 3, limit_reached: false, unlock_plan: null }]);
    const mine = async () => (await meterEventsAtStripe()).filter((e) => e.payload.stripe_customer_id === w.customerId);
    expect(await mine()).toEqual([
      expect.objectContaining({
        event_name: 'api_requests',
        identifier: `usage_${w.id}_api_requests_${month()}_3`,
        payload: { stripe_customer_id: w.customerId, value: '3' },
      }),
    ]);

    await call('GET', `${w.base}/billing/plan`, { apiKey: w.key });
    await eventually(
      () => counted(w.id),
      (n) => n >= 4,
    );
    await rollUp();
    expect((await mine()).map((e) => e.payload.value)).toEqual(['3', '1']);
    expect(await usage(w.id)).toEqual([{ quantity: 4, reported_quantity: 4, limit_reached: false, unlock_plan: null }]);
  });

  it('refuses the keys with LIMIT_REACHED naming Pro once the Free month is used up, lets people in, and lifts it on upgrade', async () => {
    const w = await meteredWorkspace('free');
    await redis?.hincrby(`usage:${month()}`, `${w.id}:api_requests`, 10_000);
    await rollUp();
    expect(await usage(w.id)).toEqual([{ quantity: 10_000, reported_quantity: 10_000, limit_reached: true, unlock_plan: 'pro' }]);

    const refused = await call('GET', `${w.base}/billing/plan`, { apiKey: w.key });
    expect(refused.status).toBe(402);
    expect(refused.json.error).toMatchObject({ code: 'LIMIT_REACHED', upgrade: { reason: 'limit', limit: 'api_requests', plan: 'pro' } });
    const created = await call('POST', `${w.base}/teams`, { apiKey: w.key, body: { name: 'Over the limit' } });
    expect(created.status).toBe(402);
    expect(await inspectSql()`select 1 from team where workspace_id = ${w.id}`).toEqual([]);
    expect((await call('GET', `${w.base}/billing/plan`, { cookie: w.owner.cookie })).status).toBe(200);

    await putOnPlan(w.id, 'pro');
    await rollUp();
    expect((await usage(w.id))[0]).toMatchObject({ limit_reached: false, unlock_plan: null });
    expect((await call('GET', `${w.base}/billing/plan`, { apiKey: w.key })).status).toBe(200);
  });

  it('rolls up the others when a counted workspace has been deleted since, and forgets its counter', async () => {
    const w = await meteredWorkspace('pro');
    const deleted = crypto.randomUUID();
    await redis?.hincrby(`usage:${month()}`, `${deleted}:api_requests`, 5);
    await call('GET', `${w.base}/billing/plan`, { apiKey: w.key });
    await eventually(
      () => counted(w.id),
      (n) => n >= 1,
    );

    const run = await rollUp();
    expect(run.retryMessages).toEqual([]);
    expect(await usage(w.id)).toEqual([expect.objectContaining({ quantity: 1, reported_quantity: 1 })]);
    expect(await counted(deleted)).toBe(0);
    expect(await inspectSql()`select 1 from usage_record where workspace_id = ${deleted}`).toEqual([]);
  });
});

describe('metering without Redis (write-behind through the queue)', () => {
  it('adds each queued count to usage_record, and the roll-up reports it', async () => {
    const w = await meteredWorkspace('pro');
    const count = (n: number) =>
      runBatch([delivery(envelope('billing.count-usage', { workspace_id: w.id, metric: 'api_requests', period: month(), n }))]);
    await count(2);
    await count(5);
    expect((await usage(w.id))[0]).toMatchObject({ quantity: 7 });
    await rollUp();
    const mine = (await meterEventsAtStripe()).filter((e) => e.payload.stripe_customer_id === w.customerId);
    expect(mine.map((e) => e.payload.value)).toEqual(['7']);
  });

  it('drops the count of a workspace deleted since the request, without retrying', async () => {
    const deleted = crypto.randomUUID();
    const run = await runBatch([
      delivery(envelope('billing.count-usage', { workspace_id: deleted, metric: 'api_requests', period: month(), n: 1 })),
    ]);
    expect(run.retryMessages).toEqual([]);
    expect(run.explicitAcks).toHaveLength(1);
    expect(await inspectSql()`select 1 from usage_record where workspace_id = ${deleted}`).toEqual([]);
  });

  it('refuses a malformed count, changing nothing', async () => {
    const w = await workspaceOn('pro');
    await runBatch([delivery(envelope('billing.count-usage', { workspace_id: w.id, metric: 'api_requests', period: '2026-13', n: 1 }))]);
    expect(await inspectSql()`select 1 from usage_record where workspace_id = ${w.id}`).toEqual([]);
  });
});
