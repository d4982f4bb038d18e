import type { Meter, MeterMetric, MeterTotal } from '../../kernel/meter.ts';
import { usagePeriod } from '../../kernel/meter.ts';

/**
 * The meter without Redis: each increment is one message on the jobs queue (one subrequest, in
 * `waitUntil`), and the job adds it to `usage_record` (write-behind). It keeps no counters of its own,
 * so the roll-up has nothing to read and only reports. The queue delivers at least once, so a message
 * redelivered after its job committed counts twice: exact counts need the Redis meter.
 */
export type UsageMessage = { workspace_id: string; metric: MeterMetric; period: string; n: number };

export class QueueMeter implements Meter {
  readonly kind = 'queue';
  readonly #send: (usage: UsageMessage) => Promise<void>;

  constructor(send: (usage: UsageMessage) => Promise<void>) {
    this.#send = send;
  }

  increment(workspaceId: string, metric: MeterMetric, n: number): Promise<void> {
    return this.#send({ workspace_id: workspaceId, metric, period: usagePeriod(new Date()), n });
  }

  async totals(_period: string): Promise<MeterTotal[]> {
    return [];
  }
}
