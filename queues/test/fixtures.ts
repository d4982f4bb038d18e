import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { vi } from 'vitest';
import { inspectSql, ownerSql } from '../../worker/test/db.ts';
import { createQueueHandler } from '../consumer.ts';
import type { JobQueue } from '../enqueue.ts';
import type { JobRegistry } from '../jobs.ts';
import { setContextText } from '../../worker/db/context.ts';
import { batchServices } from '../../worker/wiring.ts';

export const JOBS_QUEUE = 'edge-saas-jobs';

/** A queue message as the platform would deliver it; the id is the queue's, not the envelope's. */
export function delivery(body: unknown, attempts = 1) {
  return { id: crypto.randomUUID().replaceAll('-', ''), timestamp: Date.now(), attempts, body };
}

/** A job message envelope as `enqueue` writes it. */
export function envelope(job: string, payload: unknown, version = 1) {
  return { id: crypto.randomUUID(), job, version, payload, enqueued_at: new Date().toISOString() };
}

/**
 * Hands a batch to the consumer exactly as the runtime would and returns what it did with each
 * message: `explicitAcks`, `retryMessages` and `retryBatch`. The plugin's batch keeps the platform's
 * precedence rules (the first of ack/retry wins) but not the delays, so those are read off the calls.
 */
export async function runBatch(
  messages: ReturnType<typeof delivery>[],
  options: { registry?: JobRegistry; bindings?: object; queue?: string } = {},
) {
  const batch = createMessageBatch(options.queue ?? JOBS_QUEUE, messages);
  const retries = new Map(batch.messages.map((message) => [message.id, vi.spyOn(message, 'retry')]));
  const retryAll = vi.spyOn(batch, 'retryAll');
  const ctx = createExecutionContext();
  await createQueueHandler(batchServices, options.registry)(batch, (options.bindings ?? env) as Env, ctx);
  const result = await getQueueResult(batch, ctx);
  return {
    ...result,
    retryBatch: { ...result.retryBatch, delaySeconds: retryAll.mock.calls[0]?.[0]?.delaySeconds },
    retryMessages: result.retryMessages.map(({ msgId }) => ({
      msgId,
      delaySeconds: retries.get(msgId)?.mock.calls[0]?.[0]?.delaySeconds,
    })),
  };
}

/** Every JSON line written to console.log while the spy is active. */
export function captureLogs() {
  const spy = vi.spyOn(console, 'log').mockImplementation(() => {});
  return () =>
    spy.mock.calls.flatMap((args) => {
      try {
        return [JSON.parse(String(args[0])) as Record<string, any>];
      } catch {
        return [];
      }
    });
}

/**
 * A workspace with one expired and one live idempotency key; returns the keys. Written through the
 * owner connection with the workspace set, as the app would; read back with `inspectSql`, since
 * forced RLS hides tenant rows from the owner everywhere but on a superuser connection.
 */
export async function seedIdempotencyKeys() {
  const sql = ownerSql();
  const workspaceId = crypto.randomUUID();
  const expired = `expired-${crypto.randomUUID()}`;
  const live = `live-${crypto.randomUUID()}`;
  const key = (name: string, expiresIn: string) =>
    sql`insert into idempotency_key (workspace_id, actor_id, route, key, request_hash, status_code, response_body, expires_at)
        values (${workspaceId}, 'usr_test', 'POST /api/v1/w/:slug/teams', ${name}, 'hash', 201, '{}', now() + ${expiresIn}::interval)`;
  await sql.transaction([
    sql.query(setContextText('workspace_id'), [workspaceId]),
    sql`insert into workspace (id, slug, name) values (${workspaceId}, ${`ws-${workspaceId.slice(0, 8)}`}, 'Jobs')`,
    key(expired, '-1 hour'),
    key(live, '1 hour'),
  ]);
  return { expired, live };
}

export async function idempotencyKeysLeft(...keys: string[]): Promise<string[]> {
  const rows = (await inspectSql()`select key from idempotency_key where key = any(${keys}) order by key`) as Array<{
    key: string;
  }>;
  return rows.map((row) => row.key);
}

/** The consumer's runs of one job message (by envelope id), oldest first. */
export async function runsOf(messageId: string) {
  return (await ownerSql()`
    select job, source, status, error, detail, finished_at from job_run
     where source = 'queue' and detail->>'message_id' = ${messageId} order by started_at, detail->>'attempt'`) as Array<{
    job: string;
    source: string;
    status: string;
    error: string | null;
    detail: Record<string, any>;
    finished_at: string | null;
  }>;
}

export async function deadLettersOf(queueMessageId: string) {
  return (await ownerSql()`
    select message_id, job, version, payload, reason, error, attempts from job_dead_letter
     where message_id = ${queueMessageId}`) as Array<{
    message_id: string;
    job: string | null;
    version: number | null;
    payload: unknown;
    reason: string;
    error: string;
    attempts: number;
  }>;
}

/** A producer that keeps what it is given instead of sending it. */
export function recordingQueue(): JobQueue & { sent: unknown[]; options: unknown[] } {
  const sent: unknown[] = [];
  const options: unknown[] = [];
  return {
    sent,
    options,
    async send(body, sendOptions) {
      sent.push(body);
      options.push(sendOptions);
      return { metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } } as unknown as QueueSendResponse;
    },
    async sendBatch(messages) {
      for (const { body, ...messageOptions } of messages) {
        sent.push(body);
        options.push(messageOptions);
      }
      return { metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } } as unknown as QueueSendBatchResponse;
    },
  };
}

/** Polls until `check` passes; the real queue delivers a batch after its batch timeout. */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
