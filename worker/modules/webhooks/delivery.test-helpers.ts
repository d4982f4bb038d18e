import { env } from 'cloudflare:workers';
import type { JobQueue } from '../../../queues/enqueue.ts';
import type { JobDeps, JobMessage } from '../../../queues/jobs.ts';
import { Database, system } from '../../db/gateway.ts';
import type { Bindings } from '../../env.ts';
import type { PublishedEvent } from '../../kernel/bus.ts';
import { loadConfig } from '../../kernel/config.ts';
import { jsonLogger } from '../../middleware/logger.ts';
import { batchServices } from '../../wiring.ts';
import { z } from 'zod';
import { dispatchEvent } from '../events/events.jobs.ts';
import { defineModule } from '../module.ts';
import { OutboxBus, PendingEvents } from '../events/outbox.ts';
import { inspectSql } from '../../test/db.ts';
import { deliverWebhooks } from './deliver.job.ts';
import { webhooksModule } from './webhooks.module.ts';

declare module '../../kernel/bus.ts' {
  interface DomainEvents {
    'hooktest.even': { workspaceId: string; n: number };
    'hooktest.odd': { workspaceId: string; n: number };
  }
}

const counted = z.strictObject({ n: z.number().int() });

/** A module of the tests' own that publishes the two events they send. */
export const hooktestModule = defineModule({
  name: 'hooktest',
  publishes: {
    'hooktest.even': { version: 1, summary: 'An even test event', payload: counted },
    'hooktest.odd': { version: 1, summary: 'An odd test event', payload: counted },
  },
});

/**
 * Test support for deliveries: events published through the real outbox in a tenant transaction,
 * dispatched to the webhook consumer, and the queued `webhooks.deliver` messages run by hand with
 * the delays they asked for recorded.
 */
export interface Queued {
  message: JobMessage;
  delaySeconds: number | undefined;
}

export function recordingQueue() {
  const sent: Queued[] = [];
  const queue = {
    async send(body: unknown, options?: { delaySeconds?: number }) {
      sent.push({ message: body as JobMessage, delaySeconds: options?.delaySeconds });
    },
    async sendBatch(messages: Iterable<MessageSendRequest>) {
      for (const m of messages) sent.push({ message: m.body as JobMessage, delaySeconds: m.delaySeconds });
    },
  } as unknown as JobQueue;
  return { queue, sent };
}

export function jobDeps(queue: JobQueue): JobDeps {
  const config = loadConfig(env);
  return {
    db: new Database(config),
    queue,
    logger: jsonLogger({}),
    modules: [webhooksModule, hooktestModule],
    config,
    services: batchServices(env as unknown as Bindings, config),
  };
}

/** Publishes `count` events (alternately `hooktest.even` and `hooktest.odd`) in one transaction, as a request's write does. */
export async function publishEvents(workspaceId: string, count: number, first = 0): Promise<PublishedEvent[]> {
  const pending = new PendingEvents();
  const bus = new OutboxBus({}, { 'hooktest.even': 1, 'hooktest.odd': 1 }, pending);
  await system(new Database(loadConfig(env)), { role: 'app_request', workspace: workspaceId }).interactive(async (tx) => {
    for (let n = first; n < first + count; n++) {
      const type = n % 2 === 0 ? 'hooktest.even' : 'hooktest.odd';
      for (const statement of bus.reactionsTo({ type, workspaceId, n }, tx)) await statement;
    }
  });
  return pending.events;
}

/** The events the workspace's endpoints published for their owners (as the sweep would send them), oldest first. */
export async function ownerNotices(workspaceId: string): Promise<PublishedEvent[]> {
  const rows = (await inspectSql()`
    select id, type, version, workspace_id, occurred_at, payload from outbox_event
    where workspace_id = ${workspaceId} and type like 'webhook.%' order by occurred_at, id`) as Array<{
    id: string;
    type: string;
    version: number;
    workspace_id: string;
    occurred_at: string;
    payload: Record<string, unknown>;
  }>;
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    version: row.version,
    workspace_id: row.workspace_id,
    occurred_at: new Date(row.occurred_at).toISOString(),
    payload: row.payload,
  }));
}

/**
 * Runs `work` over `items` in `lanes` lanes, each with a database of its own, as concurrent consumer
 * invocations of the queue would (one lane runs on `deps` itself).
 */
async function inLanes<T, R>(items: readonly T[], deps: JobDeps, lanes: number, work: (item: T, deps: JobDeps) => Promise<R>) {
  const results: R[] = [];
  let next = 0;
  const lane = async (laneDeps: JobDeps) => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i] as T, laneDeps);
  };
  const extra = Array.from({ length: Math.max(0, Math.min(lanes, items.length) - 1) }, () => ({ ...deps, db: new Database(deps.config) }));
  try {
    await Promise.all([lane(deps), ...extra.map(lane)]);
  } finally {
    await Promise.all(extra.map((laneDeps) => laneDeps.db.close()));
  }
  return results;
}

/** Runs the consumers of each event, as `events.dispatch` would from the queue, `concurrency` events at a time. */
export async function dispatch(events: readonly PublishedEvent[], deps: JobDeps, concurrency = 1) {
  await inLanes(events, deps, concurrency, (event, laneDeps) => dispatchEvent.handle(event, laneDeps));
  // As the consumer does after a job: the mail the consumers wrote goes to the real queue.
  await deps.services.mail?.relay(env.JOBS);
}

type DeliverPayload = Parameters<typeof deliverWebhooks.handle>[0];

/** The `webhooks.deliver` messages queued so far, taken off the list. */
export function takeDeliveries(sent: Queued[]): Array<{ payload: DeliverPayload; delaySeconds: number | undefined }> {
  const taken = sent.splice(0).filter((q) => q.message.job === deliverWebhooks.name && q.message.version === deliverWebhooks.version);
  return taken.map((q) => ({ payload: deliverWebhooks.payload.parse(q.message.payload), delaySeconds: q.delaySeconds }));
}

/** Runs every queued delivery message (ignoring their delays) until none is left, `concurrency` at a time. */
export async function drain(sent: Queued[], deps: JobDeps, concurrency = 1) {
  const results: unknown[] = [];
  for (let batch = takeDeliveries(sent); batch.length > 0; batch = takeDeliveries(sent)) {
    results.push(...(await inLanes(batch, deps, concurrency, ({ payload }, laneDeps) => deliverWebhooks.handle(payload, laneDeps))));
  }
  return results;
}
