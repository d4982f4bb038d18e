import { describe, expect, it } from 'vitest';
import type { PublishedEvent } from '../kernel/bus.ts';
import { type ConsumerHandler, lazyConsumer } from './lazy-consumers.ts';
import type { ConsumerDeps } from './module.ts';

const event = { id: 'e1', type: 'members.changed', version: 1, workspace_id: 'w1', occurred_at: '', payload: {} } as PublishedEvent;
const deps = {} as ConsumerDeps;

describe('a consumer whose handler loads on first use', () => {
  it('keeps its declaration, loads the handler on its first event only, and hands every event to it', async () => {
    const seen: string[] = [];
    let loads = 0;
    const consumer = lazyConsumer({ name: 'test.seen', events: ['members.changed'], when: 'workspace-interest' }, async () => {
      loads++;
      const handler: ConsumerHandler = async (e) => {
        seen.push(e.id);
      };
      return handler;
    });
    expect([consumer.name, consumer.events, consumer.when, loads]).toEqual(['test.seen', ['members.changed'], 'workspace-interest', 0]);
    await Promise.all([consumer.handle(event, deps), consumer.handle({ ...event, id: 'e2' }, deps)]);
    await consumer.handle({ ...event, id: 'e3' }, deps);
    expect(loads).toBe(1);
    expect(seen.sort()).toEqual(['e1', 'e2', 'e3']);
  });

  it('fails the event whose load failed, and loads again for the next one', async () => {
    let loads = 0;
    const consumer = lazyConsumer({ name: 'test.flaky', events: '*' }, async () => {
      loads++;
      if (loads === 1) throw new Error('chunk unavailable');
      return async () => {};
    });
    await expect(consumer.handle(event, deps)).rejects.toThrow('chunk unavailable');
    await expect(consumer.handle(event, deps)).resolves.toBeUndefined();
    expect(loads).toBe(2);
  });

  it('passes on what the handler throws, without loading it again', async () => {
    let loads = 0;
    const consumer = lazyConsumer({ name: 'test.throws', events: '*' }, async () => {
      loads++;
      return async () => {
        throw new Error('handler said no');
      };
    });
    await expect(consumer.handle(event, deps)).rejects.toThrow('handler said no');
    await expect(consumer.handle(event, deps)).rejects.toThrow('handler said no');
    expect(loads).toBe(1);
  });
});
