import type { Redis } from '@upstash/redis/cloudflare';
import { type Meter, type MeterMetric, type MeterTotal, meterMetrics, usagePeriod } from '../../kernel/meter.ts';

/** Counters outlive their month by long enough for the last roll-up and a few failed runs. */
const KEEP_SECONDS = 45 * 24 * 3600;

const periodKey = (period: string) => `usage:${period}`;

/**
 * Usage counters on Upstash Redis: one hash per month, a field per workspace and metric. An increment
 * is one pipelined request (`HINCRBY` and the hash's expiry), so it is one subrequest; the roll-up
 * reads a month with one `HGETALL`. The counters are absolute, so reading them twice is harmless.
 */
export class UpstashMeter implements Meter {
  readonly kind = 'redis';
  readonly #connection: { url: string; token: string };
  #client: Promise<Redis> | undefined;

  constructor(connection: { url: string; token: string }) {
    this.#connection = connection;
  }

  /** The Redis client loads on first use, so an isolate that meters nothing never evaluates it. */
  #redis(): Promise<Redis> {
    this.#client ??= import('./upstash-redis.ts').then(
      ({ Redis: RedisClass }) => new RedisClass({ ...this.#connection, enableTelemetry: false }),
    );
    return this.#client;
  }

  async increment(workspaceId: string, metric: MeterMetric, n: number): Promise<void> {
    const key = periodKey(usagePeriod(new Date()));
    const pipeline = (await this.#redis()).pipeline();
    pipeline.hincrby(key, `${workspaceId}:${metric}`, n);
    pipeline.expire(key, KEEP_SECONDS);
    await pipeline.exec();
  }

  async forget(period: string, gone: readonly MeterTotal[]): Promise<void> {
    if (gone.length === 0) return;
    await (await this.#redis()).hdel(periodKey(period), ...gone.map((t) => `${t.workspaceId}:${t.metric}`));
  }

  async totals(period: string): Promise<MeterTotal[]> {
    const fields = (await (await this.#redis()).hgetall<Record<string, number | string>>(periodKey(period))) ?? {};
    const totals: MeterTotal[] = [];
    for (const [field, value] of Object.entries(fields)) {
      const cut = field.lastIndexOf(':');
      const metric = field.slice(cut + 1) as MeterMetric;
      if (!meterMetrics.includes(metric)) continue;
      totals.push({ workspaceId: field.slice(0, cut), metric, quantity: Number(value) });
    }
    return totals;
  }
}
