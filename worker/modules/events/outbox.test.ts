import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { Database } from '../../db/client.ts';
import { system } from '../../db/gateway.ts';
import { runStatements, type Tx } from '../../db/tenant.ts';
import type { PublishedEvent } from '../../kernel/bus.ts';
import { loadConfig } from '../../kernel/config.ts';
import { newUuid } from '../../kernel/ids.ts';
import type { Bindings } from '../../env.ts';
import { jsonLogger } from '../../middleware/logger.ts';
import { wire } from '../../wiring.ts';
import { createWorkspace, signUp } from '../../test/client.ts';
import { inspectSql, resetRoundTrips, roundTrips } from '../../test/db.ts';
import { workspaceUuid } from '../../test/lifecycle.ts';
import { auditLog } from '../../db/schema.ts';
import type { JobQueue } from '../../../queues/enqueue.ts';
import type { JobMessage } from '../../../queues/jobs.ts';
import { defineModule, type EventConsumer } from '../module.ts';
import { dispatchEvent } from './events.jobs.ts';
import { OutboxBus, PendingEvents } from './outbox.ts';
import { relayEvents, sweepOutbox } from './outbox-relay.ts';

declare module '../../kernel/bus.ts' {
  interface DomainEvents {
    'outbox-test.happened': { workspaceId: string; n: number };
    'outbox-test.kept-inside': { workspaceId: string };
  }
}

const db = () => new Database(loadConfig(env));

/** A transaction as the request role in one workspace, as a request's write runs. */
const inWorkspace = <T>(workspace: string, fn: (tx: Tx) => Promise<T>) => system(db(), { role: 'app_request', workspace }).interactive(fn);

/** A queue that records what it was sent, and can be told to fail or to take its time. */
function recordingQueue(options: { fail?: boolean; delayMs?: number } = {}) {
  const sent: JobMessage[] = [];
  const queue = {
    async send(body: unknown) {
      sent.push(body as JobMessage);
    },
    async sendBatch(messages: Iterable<MessageSendRequest>) {
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      if (options.fail) throw new Error('queue unavailable');
      for (const message of messages) sent.push(message.body as JobMessage);
    },
  } as unknown as JobQueue;
  return { queue, sent, eventIds: () => sent.map((m) => (m.payload as PublishedEvent).id) };
}

async function workspaceId(): Promise<string> {
  const { cookie } = await signUp();
  return workspaceUuid((await createWorkspace(cookie)).id);
}

/** Publishes events in a tenant transaction, as a request's write does; `fail` rolls it back after. */
async function publish(workspace: string, count: number, options: { fail?: boolean } = {}) {
  const pending = new PendingEvents();
  const bus = new OutboxBus({}, { 'outbox-test.happened': 3 }, pending);
  const write = inWorkspace(workspace, async (tx) => {
    for (let n = 0; n < count; n++) await runStatements(bus.reactionsTo({ type: 'outbox-test.happened', workspaceId: workspace, n }, tx));
    await runStatements(bus.reactionsTo({ type: 'outbox-test.kept-inside', workspaceId: workspace }, tx));
    if (options.fail) throw new Error('the write failed');
  });
  if (options.fail) await expect(write).rejects.toThrow('the write failed');
  else await write;
  return pending.events;
}

function only<T>(items: readonly T[]): T {
  const [item] = items;
  if (items.length !== 1 || item === undefined) throw new Error(`expected one item, got ${items.length}`);
  return item;
}

const idsOf = (events: readonly PublishedEvent[]) => events.map((e) => e.id);

async function rowsOf(events: readonly PublishedEvent[]) {
  const ids = idsOf(events);
  const rows = await inspectSql().query(
    'select id, workspace_id, type, version, payload, claimed_until, sent_at from outbox_event where id = any($1) order by occurred_at',
    [ids],
  );
  return rows as Array<{
    id: string;
    type: string;
    version: number;
    payload: unknown;
    claimed_until: string | null;
    sent_at: string | null;
  }>;
}

/** As if the writer's relay had died: its claim on the rows ran out. */
const expireClaims = (events: readonly PublishedEvent[]) =>
  inspectSql().query(`update outbox_event set claimed_until = now() - interval '1 second' where id = any($1)`, [idsOf(events)]);

describe('outbox: written with the change', () => {
  it('adds a row per published event to the writer’s transaction, with its version, and none for the others', async () => {
    const workspace = await workspaceId();
    const ids = await publish(workspace, 2);
    expect(ids).toHaveLength(2);
    const rows = await rowsOf(ids);
    expect(rows.map((r) => [r.type, r.version, r.payload, r.sent_at])).toEqual([
      ['outbox-test.happened', 3, { n: 0 }, null],
      ['outbox-test.happened', 3, { n: 1 }, null],
    ]);
    expect(
      await inspectSql().query(`select 1 from outbox_event where type = 'outbox-test.kept-inside' and workspace_id = $1`, [workspace]),
    ).toEqual([]);
  });

  it('rolls back with a write that fails: the event the relay sends anyway is dropped by the consumer', async () => {
    const workspace = await workspaceId();
    const event = only(await publish(workspace, 1, { fail: true }));
    expect(await rowsOf([event])).toEqual([]);
    const consumer = recordingConsumer(`phantom-${newUuid().slice(-8)}`);
    expect(await dispatchEvent.handle(event, depsWith(consumer))).toMatchObject({ dropped: expect.stringMatching(/rolled back/) });
    expect(await effectsOf(`${consumer.name}.consumed`, event.id)).toBe(0);
  });

  it('refuses a request that adds an event for another workspace, and lets it read none', async () => {
    const mine = await workspaceId();
    const theirs = await workspaceId();
    const bus = new OutboxBus({}, { 'outbox-test.happened': 1 }, null);
    await expect(
      inWorkspace(mine, (tx) => runStatements(bus.reactionsTo({ type: 'outbox-test.happened', workspaceId: theirs, n: 0 }, tx))),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/row-level security/) } });
    await publish(mine, 1);
    await expect(inWorkspace(mine, (tx) => tx.execute(sql`select count(*)::int as n from outbox_event`))).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/permission denied/) },
    });
  });
});

describe('outbox: relay and sweep', () => {
  it('relays right after commit from memory, with no round trip; the consumer marks the rows sent', async () => {
    const workspace = await workspaceId();
    const events = await publish(workspace, 3);
    const { queue, sent, eventIds } = recordingQueue();
    await resetRoundTrips();
    expect(await relayEvents(queue, events)).toBe(3);
    expect((await roundTrips()).sqlRequests).toBe(0);
    expect(eventIds()).toEqual(idsOf(events));
    expect(sent[0]).toMatchObject({ job: 'events.dispatch', version: 1 });
    expect(sent[0]?.payload).toMatchObject({ type: 'outbox-test.happened', version: 3, workspace_id: workspace, payload: { n: 0 } });
    // Written claimed: the sweep leaves them to the relay.
    const sweep = recordingQueue();
    await sweepOutbox(db(), sweep.queue);
    expect(sweep.eventIds().filter((id) => idsOf(events).includes(id))).toEqual([]);
    for (const message of sent) await dispatchEvent.handle(message.payload as PublishedEvent, depsWith());
    expect((await rowsOf(events)).every((r) => r.sent_at !== null)).toBe(true);
  });

  it('loses nothing when the relay dies between commit and send: once its claim runs out the sweep sends each row once', async () => {
    const workspace = await workspaceId();
    const events = await publish(workspace, 2);
    const { queue, eventIds } = recordingQueue();
    await sweepOutbox(db(), queue);
    expect(eventIds().filter((id) => idsOf(events).includes(id))).toEqual([]);
    await expireClaims(events);
    await sweepOutbox(db(), queue);
    expect(
      eventIds()
        .filter((id) => idsOf(events).includes(id))
        .sort(),
    ).toEqual(idsOf(events).sort());
    expect((await rowsOf(events)).every((r) => r.sent_at !== null)).toBe(true);
    await sweepOutbox(db(), queue);
    expect(eventIds().filter((id) => idsOf(events).includes(id))).toHaveLength(2);
  });

  it('keeps the rows when the queue refuses them, and sends them on the next sweep', async () => {
    const workspace = await workspaceId();
    const events = await publish(workspace, 2);
    await expireClaims(events);
    await expect(sweepOutbox(db(), recordingQueue({ fail: true }).queue)).rejects.toThrow('queue unavailable');
    expect((await rowsOf(events)).map((r) => r.sent_at)).toEqual([null, null]);
    const { queue, eventIds } = recordingQueue();
    await sweepOutbox(db(), queue);
    expect(
      eventIds()
        .filter((id) => idsOf(events).includes(id))
        .sort(),
    ).toEqual(idsOf(events).sort());
  });

  it('two sweeps at once send every row exactly once between them', async () => {
    const workspace = await workspaceId();
    const events = await publish(workspace, 12);
    await expireClaims(events);
    const first = recordingQueue({ delayMs: 150 });
    const second = recordingQueue({ delayMs: 150 });
    await Promise.all([sweepOutbox(db(), first.queue, 8), sweepOutbox(db(), second.queue, 8)]);
    // Whatever the two left (each takes at most 8), a third sweep sends.
    const third = recordingQueue();
    await sweepOutbox(db(), third.queue);
    const all = [...first.eventIds(), ...second.eventIds(), ...third.eventIds()].filter((id) => idsOf(events).includes(id));
    expect(all.sort()).toEqual(idsOf(events).sort());
  });
});

function recordingConsumer(name: string, options: { failTimes?: number } = {}) {
  let failures = options.failTimes ?? 0;
  const consumer: EventConsumer = {
    name,
    events: ['outbox-test.happened'],
    async handle(event, { tx }) {
      await tx.insert(auditLog).values({
        id: newUuid(),
        workspaceId: event.workspace_id,
        actorType: 'system',
        action: `${name}.consumed`,
        metadata: { event: event.id },
      });
      if (failures > 0) {
        failures--;
        throw new Error(`${name} failed`);
      }
    },
  };
  return consumer;
}

async function effectsOf(action: string, eventId: string) {
  const rows = await inspectSql().query(`select 1 from audit_log where action = $1 and metadata->>'event' = $2`, [action, eventId]);
  return rows.length;
}

const depsWith = (...consumers: EventConsumer[]) => {
  const config = loadConfig(env);
  return {
    db: db(),
    logger: jsonLogger({}),
    modules: [defineModule({ name: 'listener', consumers })],
    config,
    services: wire(env as unknown as Bindings, config),
  };
};

describe('events.dispatch: consumers run once in effect', () => {
  const eventFor = async (workspace: string) => only(await publish(workspace, 1));

  it('has one effect when the same event is delivered twice', async () => {
    const workspace = await workspaceId();
    const consumer = recordingConsumer(`once-${newUuid().slice(-8)}`);
    const deps = depsWith(consumer);
    const event = await eventFor(workspace);
    expect(await dispatchEvent.handle(event, deps)).toMatchObject({ handled: 1, skipped: 0 });
    expect(await dispatchEvent.handle(event, deps)).toMatchObject({ handled: 0, skipped: 1 });
    expect(await effectsOf(`${consumer.name}.consumed`, event.id)).toBe(1);
  });

  it('retries only the consumer that failed; its failed attempt left no effect', async () => {
    const workspace = await workspaceId();
    const steady = recordingConsumer(`steady-${newUuid().slice(-8)}`);
    const flaky = recordingConsumer(`flaky-${newUuid().slice(-8)}`, { failTimes: 1 });
    const deps = depsWith(steady, flaky);
    const event = await eventFor(workspace);
    await expect(dispatchEvent.handle(event, deps)).rejects.toThrow(`${flaky.name}: ${flaky.name} failed`);
    expect(await effectsOf(`${steady.name}.consumed`, event.id)).toBe(1);
    expect(await effectsOf(`${flaky.name}.consumed`, event.id)).toBe(0);
    expect(await dispatchEvent.handle(event, deps)).toMatchObject({ handled: 1, skipped: 1 });
    expect(await effectsOf(`${steady.name}.consumed`, event.id)).toBe(1);
    expect(await effectsOf(`${flaky.name}.consumed`, event.id)).toBe(1);
  });
});

describe('events.dispatch: work after the consumer commits', () => {
  /** A consumer that writes its effect, and leaves `afterCommit` work that records what it could see. */
  function consumerWithAfterwork(name: string, options: { fail?: boolean; afterworkFails?: boolean } = {}) {
    const seenAfterCommit: number[] = [];
    const inner = recordingConsumer(name, { failTimes: options.fail ? 1 : 0 });
    const consumer: EventConsumer = {
      ...inner,
      async handle(event, deps) {
        deps.afterCommit(async () => {
          // Another connection: it sees the effect only once the consumer's transaction has committed.
          seenAfterCommit.push(await effectsOf(`${name}.consumed`, event.id));
          if (options.afterworkFails) throw new Error('push failed');
        });
        await inner.handle(event, deps);
      },
    };
    return { consumer, seenAfterCommit };
  }

  it('runs it once the effect is committed and visible, and not again for a redelivery', async () => {
    const workspace = await workspaceId();
    const { consumer, seenAfterCommit } = consumerWithAfterwork(`after-${newUuid().slice(-8)}`);
    const deps = depsWith(consumer);
    const event = only(await publish(workspace, 1));
    await dispatchEvent.handle(event, deps);
    await dispatchEvent.handle(event, deps);
    expect(seenAfterCommit).toEqual([1]);
  });

  it('never runs it when the consumer fails, and a failure of the work itself fails nothing', async () => {
    const workspace = await workspaceId();
    const failing = consumerWithAfterwork(`after-failing-${newUuid().slice(-8)}`, { fail: true });
    const event = only(await publish(workspace, 1));
    await expect(dispatchEvent.handle(event, depsWith(failing.consumer))).rejects.toThrow('failed');
    expect(failing.seenAfterCommit).toEqual([]);

    const broken = consumerWithAfterwork(`after-broken-${newUuid().slice(-8)}`, { afterworkFails: true });
    expect(await dispatchEvent.handle(event, depsWith(broken.consumer))).toMatchObject({ handled: 1 });
    expect(broken.seenAfterCommit).toEqual([1]);
  });
});

describe('outbox: events nobody consumes', () => {
  it('are kept as a record, already sent, and never reach the relay', async () => {
    const workspace = await workspaceId();
    const pending = new PendingEvents();
    const bus = new OutboxBus({}, { 'outbox-test.happened': 1 }, pending, () => ({ always: false, onInterest: [] }));
    await inWorkspace(workspace, (tx) =>
      runStatements(bus.reactionsTo({ type: 'outbox-test.happened', workspaceId: workspace, n: 7 }, tx)),
    );
    expect(pending.events).toEqual([]);
    const rows = await inspectSql().query(`select sent_at, claimed_until from outbox_event where workspace_id = $1`, [workspace]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ sent_at: expect.anything(), claimed_until: null });
  });
});
