/**
 * The metering seam (docs/decisions/057-metering.md): counting what a workspace uses, on the request
 * path, for a plan's limits and the provider's usage-based prices. `increment` costs no database
 * round trip and at most one subrequest, which the caller hands to `waitUntil` so the response never
 * waits for it. A cron job rolls the counts into `usage_record` and reports them to the provider.
 */
export type MeterMetric = 'api_requests';

export const meterMetrics: readonly MeterMetric[] = ['api_requests'];

export interface MeterTotal {
  workspaceId: string;
  metric: MeterMetric;
  quantity: number;
}

export interface Meter {
  /** `redis`: counters the roll-up reads back; `queue`: each increment is written behind, through the jobs queue. */
  readonly kind: 'redis' | 'queue';
  increment(workspaceId: string, metric: MeterMetric, n: number): Promise<void>;
  /** The running totals of a period (`YYYY-MM`), absolute; empty for a meter that keeps none (`queue`). */
  totals(period: string): Promise<MeterTotal[]>;
}

/** The calendar month (UTC) a moment counts in, as `YYYY-MM`. */
export function usagePeriod(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** The month before a period. */
export function previousPeriod(period: string): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return usagePeriod(new Date(Date.UTC(year, month - 2, 1)));
}
