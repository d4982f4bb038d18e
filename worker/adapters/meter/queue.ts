import type { Meter, MeterMetric, MeterTotal } from '../../kernel/meter.ts';
import { usagePeriod } from '../../kernel/meter.ts';

/**
 * The meter without Redis: increments are written behind, through the jobs queue, whose job adds them
 * to `usage_record`. It keeps no counters of its own, so the roll-up has nothing to read and only
 * reports. The queue delivers at least once, so a message redelivered after its job committed counts
 * twice: exact counts need the Redis meter.
 */
export type UsageMessage = { workspace_id: string; metric: MeterMetric; period: string; n: number };

/** How long the first increment waits for others to join its message (docs/decisions/057-metering.md). */
export const meterWindowMs = 1_000;

/**
 * Increments are summed in the isolate for `windowMs` and sent together, one message per workspace,
 * metric and month: a workspace's steady API traffic costs a queue message and a database write per
 * second and isolate instead of one per request. The increment that opens a window returns the
 * promise of its sending (its request keeps it in `waitUntil`); the ones that join it return at once.
 * Counts an isolate held when it was evicted are lost, as an unsent message would be.
 */
export class QueueMeter implements Meter {
  readonly kind = 'queue';
  readonly #send: (usage: readonly UsageMessage[]) => Promise<void>;
  readonly #windowMs: number;
  readonly #held = new Map<string, UsageMessage>();
  #window: Promise<void> | null = null;

  constructor(send: (usage: readonly UsageMessage[]) => Promise<void>, windowMs = meterWindowMs) {
    this.#send = send;
    this.#windowMs = windowMs;
  }

  increment(workspaceId: string, metric: MeterMetric, n: number): Promise<void> {
    const period = usagePeriod(new Date());
    const key = `${workspaceId}|${metric}|${period}`;
    const held = this.#held.get(key);
    if (held) held.n += n;
    else this.#held.set(key, { workspace_id: workspaceId, metric, period, n });
    if (this.#window !== null) return Promise.resolve();
    this.#window = this.#sendAfterWindow();
    return this.#window;
  }

  async #sendAfterWindow(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, this.#windowMs));
    const usage = [...this.#held.values()];
    this.#held.clear();
    this.#window = null;
    await this.#send(usage);
  }

  async totals(_period: string): Promise<MeterTotal[]> {
    return [];
  }
}
