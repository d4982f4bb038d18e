import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import worker from '../worker/index.ts';
import { Database } from '../worker/db/client.ts';
import { loadConfig } from '../worker/kernel/config.ts';
import { jsonLogger } from '../worker/middleware/logger.ts';
import { ownerSql } from '../worker/test/db.ts';
import { runCron } from './cron.ts';
import { type JobMessage, jobMessageSchema } from './jobs.ts';
import { captureLogs, idempotencyKeysLeft, recordingQueue, runsOf, seedIdempotencyKeys } from './test/fixtures.ts';

const EVERY_15_MINUTES = '*/15 * * * *';
const DAILY = '30 2 * * *';

afterEach(() => {
  vi.restoreAllMocks();
});

async function cronRuns(scheduledTime: string) {
  return (await ownerSql()`
    select job, status, error, detail from job_run
     where source = 'cron' and detail->>'scheduled_time' = ${scheduledTime} order by job`) as Array<{
    job: string;
    status: string;
    error: string | null;
    detail: Record<string, any>;
  }>;
}

/** Polls until `check` passes; the real queue delivers a batch after its batch timeout. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('scheduled', () => {
  it('enqueues its purge jobs on the real JOBS queue; the consumer then runs them', async () => {
    captureLogs();
    const { expired, live } = await seedIdempotencyKeys();
    const scheduledTime = Date.now() - 1234;
    const controller = createScheduledController({ cron: EVERY_15_MINUTES, scheduledTime });
    const ctx = createExecutionContext();

    await worker.scheduled(controller, env, ctx);
    await waitOnExecutionContext(ctx);

    const recorded = await cronRuns(new Date(scheduledTime).toISOString());
    expect(recorded.map((run) => [run.job, run.status])).toEqual([
      ['idempotency-keys.purge', 'succeeded'],
      ['sessions.purge', 'succeeded'],
      ['sign-in-state.purge', 'succeeded'],
    ]);
    for (const run of recorded) {
      expect(run.detail).toMatchObject({ cron: EVERY_15_MINUTES, action: 'enqueue', version: 1 });
      expect(run.detail.message_id).toMatch(/^[0-9a-f-]{36}$/);
    }

    // The messages went through the queue to this worker's own consumer.
    for (const run of recorded) {
      const consumed = await eventually(
        () => runsOf(run.detail.message_id),
        (runs) => runs.some((r) => r.status === 'succeeded'),
      );
      expect(consumed).toEqual([expect.objectContaining({ job: run.job, source: 'queue', status: 'succeeded' })]);
    }
    expect(await idempotencyKeysLeft(expired, live)).toEqual([live]);
  });

  it('refuses to run with an invalid configuration and names the problem', async () => {
    const logs = captureLogs();
    const { APP_SECRET: _omitted, ...bindings } = env as unknown as Record<string, unknown>;
    const controller = createScheduledController({ cron: EVERY_15_MINUTES, scheduledTime: Date.now() });

    await expect(worker.scheduled(controller, bindings as unknown as Env, createExecutionContext())).rejects.toThrow(/APP_SECRET/);
    const [error] = logs().filter((line) => line.level === 'error');
    expect(error).toMatchObject({ message: 'cron not run: invalid configuration', cron: EVERY_15_MINUTES });
    expect(error?.error).toContain('APP_SECRET');
  });
});

describe('runCron', () => {
  const deps = () => ({ db: new Database(loadConfig(env)), logger: jsonLogger({ test: 'cron' }) });

  it('sends one valid message per job of the trigger and records each as a cron run', async () => {
    captureLogs();
    const queue = recordingQueue();
    const scheduledTime = Date.now() - 4321;

    const messages = await runCron({ cron: EVERY_15_MINUTES, scheduledTime }, { queue, ...deps() });

    expect(queue.sent).toEqual(messages);
    const parsed = queue.sent.map((body) => jobMessageSchema.parse(body) as JobMessage);
    expect(parsed.map((m) => [m.job, m.version, m.payload])).toEqual([
      ['idempotency-keys.purge', 1, {}],
      ['sessions.purge', 1, { retention_days: 30 }],
      ['sign-in-state.purge', 1, {}],
    ]);
    const recorded = await cronRuns(new Date(scheduledTime).toISOString());
    expect(recorded.map((run) => run.detail.message_id)).toEqual(parsed.map((m) => m.id));
  });

  it('sends the daily jobs on the daily trigger', async () => {
    captureLogs();
    const queue = recordingQueue();
    const scheduledTime = Date.now() - 8765;

    await runCron({ cron: DAILY, scheduledTime }, { queue, ...deps() });

    const parsed = queue.sent.map((body) => jobMessageSchema.parse(body) as JobMessage);
    expect(parsed.map((m) => [m.job, m.version, m.payload])).toEqual([
      ['events.purge', 1, {}],
      ['workspaces.purge', 1, {}],
      ['tokens.purge', 1, { retention_days: 30 }],
      ['job-log.purge', 1, { run_retention_days: 30, dead_letter_retention_days: 90 }],
      ['exports.purge', 1, {}],
      ['invites.purge', 1, {}],
    ]);
    const recorded = await cronRuns(new Date(scheduledTime).toISOString());
    expect(recorded.map((run) => [run.job, run.detail.cron])).toEqual([
      ['events.purge', DAILY],
      ['exports.purge', DAILY],
      ['invites.purge', DAILY],
      ['job-log.purge', DAILY],
      ['tokens.purge', DAILY],
      ['workspaces.purge', DAILY],
    ]);
  });

  it('records the runs as failed and throws when the queue refuses the messages', async () => {
    captureLogs();
    const queue = recordingQueue();
    queue.sendBatch = async () => {
      throw new Error('queue unavailable');
    };
    const scheduledTime = Date.now() - 5678;

    await expect(runCron({ cron: EVERY_15_MINUTES, scheduledTime }, { queue, ...deps() })).rejects.toThrow('queue unavailable');
    const recorded = await cronRuns(new Date(scheduledTime).toISOString());
    expect(recorded.map((run) => [run.job, run.status, run.error])).toEqual([
      ['idempotency-keys.purge', 'failed', 'Error: queue unavailable'],
      ['sessions.purge', 'failed', 'Error: queue unavailable'],
      ['sign-in-state.purge', 'failed', 'Error: queue unavailable'],
    ]);
  });

  it('refuses a cron trigger that has no jobs', async () => {
    const queue = recordingQueue();
    await expect(runCron({ cron: '0 3 * * *', scheduledTime: Date.now() }, { queue, ...deps() })).rejects.toThrow(
      /No jobs are defined for the cron trigger "0 3 \* \* \*"/,
    );
    expect(queue.sent).toEqual([]);
  });
});
