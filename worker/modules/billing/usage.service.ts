import type { TenantGateway } from '../../db/gateway.ts';
import { meterMetrics, previousPeriod, usagePeriod } from '../../kernel/meter.ts';
import { assertCan } from '../access.ts';
import { planOf } from '../entitlements.ts';
import { plans } from './billing.plans.ts';
import * as repo from './usage.repo.ts';

/** How many months the usage chart shows, the current one last. */
export const usageMonths = 6;

/** The months of the chart, oldest first, ending with the one `now` counts in. */
function recentPeriods(now: Date): string[] {
  const periods = [usagePeriod(now)];
  while (periods.length < usageMonths) periods.unshift(previousPeriod(periods[0] as string));
  return periods;
}

/**
 * What the workspace used per metric and month, as the roll-up last recorded it in `usage_record`
 * (months without a record are zero), with the plan's monthly limit. Any member; one round trip.
 */
export async function getUsage(gateway: TenantGateway, now = new Date()) {
  const periods = recentPeriods(now);
  const { scope, result } = await gateway.read((http) => repo.selectUsage(http, periods));
  assertCan(scope, 'billing:read');
  const limits = plans[planOf(scope.workspace)].limits;
  return {
    metrics: meterMetrics.map((metric) => ({
      metric,
      limit_per_month: limits.apiRequestsPerMonth,
      periods: periods.map((period) => ({
        period,
        quantity: result.find((row) => row.metric === metric && row.period === period)?.quantity ?? 0,
      })),
    })),
  };
}
