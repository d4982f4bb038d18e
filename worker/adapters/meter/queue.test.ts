import { describe, expect, it } from 'vitest';
import { QueueMeter, type UsageMessage } from './queue.ts';

const windowMs = 30;
const period = new Date().toISOString().slice(0, 7);

function recordingMeter() {
  const sent: UsageMessage[][] = [];
  const meter = new QueueMeter(async (usage) => {
    sent.push(usage.map((u) => ({ ...u })));
  }, windowMs);
  return { meter, sent };
}

describe('the meter without Redis', () => {
  it('sends the increments of one window together, summed per workspace and metric', async () => {
    const { meter, sent } = recordingMeter();
    const opened = meter.increment('w1', 'api_requests', 1);
    const joined = [
      meter.increment('w1', 'api_requests', 1),
      meter.increment('w2', 'api_requests', 3),
      meter.increment('w1', 'api_requests', 2),
    ];
    await Promise.all(joined);
    expect(sent).toEqual([]);
    await opened;
    expect(sent).toEqual([
      [
        { workspace_id: 'w1', metric: 'api_requests', period, n: 4 },
        { workspace_id: 'w2', metric: 'api_requests', period, n: 3 },
      ],
    ]);
  });

  it('opens a new window for an increment after the last one was sent, and sends nothing twice', async () => {
    const { meter, sent } = recordingMeter();
    await meter.increment('w1', 'api_requests', 1);
    await meter.increment('w1', 'api_requests', 5);
    expect(sent).toEqual([
      [{ workspace_id: 'w1', metric: 'api_requests', period, n: 1 }],
      [{ workspace_id: 'w1', metric: 'api_requests', period, n: 5 }],
    ]);
  });

  it('lets the request that opened the window see its sending fail', async () => {
    const meter = new QueueMeter(async () => {
      throw new Error('queue unavailable');
    }, windowMs);
    const opened = meter.increment('w1', 'api_requests', 1);
    await expect(meter.increment('w1', 'api_requests', 1)).resolves.toBeUndefined();
    await expect(opened).rejects.toThrow('queue unavailable');
  });
});
