import { z } from 'zod';
import { defineJob, type JobDeps } from '../../../queues/jobs.ts';
import { system } from '../../db/gateway.ts';
import { previousPeriod, usagePeriod } from '../../kernel/meter.ts';
import { meteredLimit } from '../entitlements.ts';
import * as repo from './usage.repo.ts';

const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** The meter without Redis (`QueueMeter`): one request's usage, written behind. */
export const countUsage = defineJob({
  name: 'billing.count-usage',
  version: 1,
  payload: z.strictObject({ workspace_id: z.uuid(), metric: z.enum(['api_requests']), period, n: z.number().int().positive() }),
  async handle(p, deps) {
    await system(deps.db, { role: 'owner' }).query((q) =>
      repo.addUsage(q, { workspaceId: p.workspace_id, metric: p.metric, period: p.period, n: p.n }),
    );
    return { counted: p.n };
  },
});

/**
 * The roll-up (docs/decisions/057-metering.md), from cron: the meter's totals of this month and the
 * last into `usage_record`, the plan's limit decided for this month, then what the provider has not
 * been told reported as meter events. Safe to run twice: totals are absolute and never lowered; a
 * report's identifier names the workspace, metric, month and the total it brings the provider to, so
 * a run repeated after a crash sends the same identifier and the provider counts it once.
 */
export const rollUpUsage = defineJob({
  name: 'billing.roll-up-usage',
  version: 1,
  payload: z.strictObject({}),
  handle: (_payload, deps) => rollUp(deps, new Date()),
});

export async function rollUp(deps: Pick<JobDeps, 'db' | 'services'>, now: Date) {
  const current = usagePeriod(now);
  const periods = [previousPeriod(current), current];
  const owner = system(deps.db, { role: 'owner' });
  let rolled = 0;
  for (const month of periods) {
    const totals = (await deps.services.meter?.totals(month)) ?? [];
    if (totals.length === 0) continue;
    await owner.query((q) => repo.upsertTotals(q, month, totals));
    rolled += totals.length;
  }

  let limitsChanged = 0;
  for (const row of await owner.query((q) => repo.selectWithPlan(q, current))) {
    const { reached, unlockPlan } = meteredLimit(row.plan, row.metric, row.quantity);
    if (reached === row.limitReached && unlockPlan === row.unlockPlan) continue;
    await owner.query((q) => repo.setLimitReached(q, { ...row, period: current }, reached, unlockPlan));
    limitsChanged += 1;
  }

  let reported = 0;
  const { payments } = deps.services;
  if (payments) {
    for (const row of await owner.query((q) => repo.selectUnreported(q, periods))) {
      await payments.reportUsage({
        customerId: row.customerId,
        eventName: row.metric,
        value: row.quantity - row.reportedQuantity,
        identifier: `usage_${row.workspaceId}_${row.metric}_${row.period}_${row.quantity}`,
        at: row.period === current ? now : lastSecondOf(row.period),
      });
      await owner.query((q) => repo.markReported(q, row, row.quantity));
      reported += 1;
    }
  }
  return { rolled, limits_changed: limitsChanged, reported };
}

/** The last second of a month: usage of a month that has ended is reported inside it. */
function lastSecondOf(month: string): Date {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 1) - 1000);
}
