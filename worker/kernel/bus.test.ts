import { describe, expect, it } from 'vitest';
import { type DomainEvent, InProcessBus } from './bus.ts';

const created: DomainEvent = { type: 'project.created', workspaceId: 'w1', projectId: 'p1' };

describe('InProcessBus', () => {
  it('hands each event to its listeners in order, with the publisher’s context', async () => {
    const heard: string[] = [];
    const bus = new InProcessBus<{ tx: string }>({
      'project.created': [
        async (event, ctx) => {
          heard.push(`first ${event.projectId} in ${ctx.tx}`);
        },
        async (event) => {
          heard.push(`second ${event.workspaceId}`);
        },
      ],
    });

    await bus.publish(created, { tx: 'tx-1' });

    expect(heard).toEqual(['first p1 in tx-1', 'second w1']);
  });

  it('lets a failing listener fail the publish, so the publisher’s transaction rolls back', async () => {
    const bus = new InProcessBus<null>({
      'project.created': [
        async () => {
          throw new Error('listener broke');
        },
      ],
    });
    await expect(bus.publish(created, null)).rejects.toThrow('listener broke');
  });

  it('is quiet about events nobody listens to', async () => {
    await expect(new InProcessBus<null>({}).publish(created, null)).resolves.toBeUndefined();
  });
});
