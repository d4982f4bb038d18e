import { describe, expect, it } from 'vitest';
import { enqueue, enqueueAll, jobRequest } from './enqueue.ts';
import { jobMessageSchema, purgeIdempotencyKeys, purgeSessions } from './jobs.ts';
import { jobRegistry } from './registry.ts';
import { recordingQueue } from './test/fixtures.ts';

describe('enqueue', () => {
  it('sends a JSON job message that the consumer accepts', async () => {
    const queue = recordingQueue();

    const message = await enqueue(queue, purgeSessions, { retention_days: 45 }, { delaySeconds: 60 });

    expect(queue.sent).toEqual([message]);
    expect(queue.options).toEqual([{ contentType: 'json', delaySeconds: 60 }]);
    const parsed = jobMessageSchema.parse(message);
    expect(parsed).toMatchObject({ job: 'sessions.purge', version: 1, payload: { retention_days: 45 } });
    const job = (await jobRegistry()).find(parsed.job, parsed.version);
    expect(job?.payload.parse(parsed.payload)).toEqual({ retention_days: 45 });
  });

  it('refuses an invalid payload before anything is sent', async () => {
    const queue = recordingQueue();

    await expect(enqueue(queue, purgeSessions, { retention_days: -1 })).rejects.toThrow(
      /Invalid payload for job sessions\.purge@1: retention_days/,
    );
    await expect(
      enqueueAll(queue, [jobRequest(purgeIdempotencyKeys, {}), jobRequest(purgeSessions, { retention_days: 0 })]),
    ).rejects.toThrow(/sessions\.purge/);
    expect(queue.sent).toEqual([]);
  });

  it('sends each request of a batch with its own delay', async () => {
    const queue = recordingQueue();
    await enqueueAll(queue, [jobRequest(purgeIdempotencyKeys, {}, { delaySeconds: 30 }), jobRequest(purgeIdempotencyKeys, {})]);
    expect(queue.options).toEqual([{ contentType: 'json', delaySeconds: 30 }, { contentType: 'json' }]);
  });

  it('gives every message its own id', async () => {
    const queue = recordingQueue();
    const messages = await enqueueAll(queue, [jobRequest(purgeIdempotencyKeys, {}), jobRequest(purgeIdempotencyKeys, {})]);
    expect(new Set(messages.map((m) => m.id)).size).toBe(2);
  });
});
