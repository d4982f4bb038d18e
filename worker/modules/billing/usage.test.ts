import { describe, expect, it } from 'vitest';
import { previousPeriod, usagePeriod } from '../../kernel/meter.ts';
import { parsePublicId } from '../../kernel/ids.ts';
import { call, signUp } from '../../test/client.ts';
import { addMember, inspectSql } from '../../test/db.ts';
import { putOnPlan, workspaceOn } from './billing.testing.ts';

const thisMonth = () => usagePeriod(new Date());

async function recordUsage(workspaceId: string, period: string, quantity: number) {
  await inspectSql()`insert into usage_record (workspace_id, metric, period, quantity) values (${workspaceId}, 'api_requests', ${period}, ${quantity})`;
}

describe('GET /w/{workspace}/billing/usage', () => {
  it('answers the last six months of usage_record, zero where none, with the plan’s monthly limit', async () => {
    const w = await workspaceOn('pro');
    const lastMonth = previousPeriod(thisMonth());
    await recordUsage(w.id, thisMonth(), 1234);
    await recordUsage(w.id, lastMonth, 99);

    const res = await call('GET', `${w.base}/billing/usage`, { cookie: w.owner.cookie });
    expect(res.status, res.text).toBe(200);
    const [metric] = res.json.metrics;
    expect(metric.metric).toBe('api_requests');
    expect(metric.limit_per_month).toBe(1_000_000);
    expect(metric.periods).toHaveLength(6);
    expect(metric.periods.at(-1)).toEqual({ period: thisMonth(), quantity: 1234 });
    expect(metric.periods.at(-2)).toEqual({ period: lastMonth, quantity: 99 });
    expect(metric.periods.slice(0, 4).map((p: { quantity: number }) => p.quantity)).toEqual([0, 0, 0, 0]);

    await putOnPlan(w.id, 'free');
    expect((await call('GET', `${w.base}/billing/usage`, { cookie: w.owner.cookie })).json.metrics[0].limit_per_month).toBe(10_000);
  });

  it('shows a workspace only its own usage, to any of its members and to nobody else', async () => {
    const a = await workspaceOn('pro');
    const b = await workspaceOn('pro');
    await recordUsage(a.id, thisMonth(), 7);
    await recordUsage(b.id, thisMonth(), 5000);

    const viewer = await signUp('Vera Viewer');
    await addMember(a.id, parsePublicId('user', viewer.user.id) as string, 'viewer');
    const seen = await call('GET', `${a.base}/billing/usage`, { cookie: viewer.cookie });
    expect(seen.status, seen.text).toBe(200);
    expect(seen.json.metrics[0].periods.at(-1)).toEqual({ period: thisMonth(), quantity: 7 });

    const stranger = await call('GET', `${b.base}/billing/usage`, { cookie: viewer.cookie });
    expect(stranger.status).toBe(404);
    expect(stranger.json.error.code).toBe('NOT_FOUND');
  });

  it('refuses query parameters in the error envelope', async () => {
    const w = await workspaceOn('pro');
    const res = await call('GET', `${w.base}/billing/usage?months=24`, { cookie: w.owner.cookie });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBeTypeOf('string');
  });
});
