import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type DomainEvent, InProcessBus } from './bus.ts';

// Any declared event will do; the platform's own is a module's "first aha".
const created: DomainEvent = { type: 'workspace.aha', workspaceId: 'w1', reached: sql`true` };

describe('InProcessBus', () => {
  it('collects the reactions of each listener of the event, in order, built for the publisher’s handle', () => {
    const bus = new InProcessBus<{ name: string }, string>({
      'workspace.aha': [(event, db) => [`first ${event.type} on ${db.name}`, `first again`], (event) => [`second ${event.workspaceId}`]],
    });

    expect(bus.reactionsTo(created, { name: 'tx-1' })).toEqual(['first workspace.aha on tx-1', 'first again', 'second w1']);
  });

  it('lets a failing listener fail the publish, before any statement is sent', () => {
    const bus = new InProcessBus<null, string>({
      'workspace.aha': [
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
