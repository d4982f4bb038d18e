import { describe, expect, it } from 'vitest';
import { type DomainEvent, InProcessBus } from './bus.ts';

const created: DomainEvent = { type: 'project.created', workspaceId: 'w1', projectId: 'p1' };

describe('InProcessBus', () => {
  it('collects the reactions of each listener of the event, in order, built for the publisher’s handle', () => {
    const bus = new InProcessBus<{ name: string }, string>({
      'project.created': [
        (event, db) => [`first ${event.projectId} on ${db.name}`, `first again`],
        (event) => [`second ${event.workspaceId}`],
      ],
    });

    expect(bus.reactionsTo(created, { name: 'tx-1' })).toEqual(['first p1 on tx-1', 'first again', 'second w1']);
  });

  it('lets a failing listener fail the publish, before any statement is sent', () => {
    const bus = new InProcessBus<null, string>({
      'project.created': [
        () => {
          throw new Error('listener broke');
        },
      ],
    });
    expect(() => bus.reactionsTo(created, null)).toThrow('listener broke');
  });

  it('adds nothing for events nobody listens to', () => {
    expect(new InProcessBus<null, string>({}).reactionsTo(created, null)).toEqual([]);
  });
});
