import { z } from 'zod';
import { defineJob, type JobDeps } from '../../../queues/jobs.ts';
import { isForeignKeyViolation } from '../../db/errors.ts';
import { system } from '../../db/gateway.ts';
import { type MeterTotal, previousPeriod, usagePeriod } from '../../kernel/meter.ts';
import { meteredLimit } from '../entitlements.ts';
import * as repo from './usage.repo.ts';

const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** The meter without Redis (`QueueMeter`): a second's usage of one workspace in one isolate, written behind. */
export const countUsage = defineJob({
  name: 'billing.count-usage',
  version: 1,
  payload: z.strictObject({ workspace_id: z.uuid(), metric: z.enum(['api_requests']), period, n: z.number().int().positive() }),
  async handle(p, deps) {
    try {
      await system(deps.db, { role: 'owner' }).query((q) =>
        repo.addUsage(q, { workspaceId: p.workspace_id, metric: p.metric, period: p.period, n: p.n }),
      );
    } catch (error) {
      // The workspace was deleted after the request: its usage went with it, and retrying cannot help.
      if (isForeignKeyViolation(error)) return { counted: 0, workspace_gone: true };
      throw error;
    }
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
    const gone = await storeTotals(owner, month, totals);
    if (gone.length > 0) await deps.services.meter?.forget?.(month, gone);
    rolled += totals.length - gone.length;
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

/**
 * Upserts a month's totals in one statement. A counter of a workspace deleted since it counted
 * fails the whole statement on the foreign key; then each total is stored on its own, and the ones
 * whose workspace is gone are returned, to be forgotten by the meter (their usage went with the
 * workspace), so one deleted workspace never stops the roll-up of the others.
 */
async function storeTotals(owner: ReturnType<typeof system>, month: string, totals: readonly MeterTotal[]): Promise<MeterTotal[]> {
  try {
    await owner.query((q) => repo.upsertTotals(q, month, totals));
    return [];
  } catch (error) {
    if (!isForeignKeyViolation(error)) throw error;
  }
  const gone: MeterTotal[] = [];
  for (const total of totals) {
    try {
      await owner.query((q) => repo.upsertTotals(q, month, [total]));
    } catch (error) {
      if (!isForeignKeyViolation(error)) throw error;
      gone.push(total);
    }
  }
  return gone;
}

/** The last second of a month: usage of a month that has ended is reported inside it. */
function lastSecondOf(month: string): Date {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 1) - 1000);
}
