import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import worker from '../worker/index.ts';
import { Database } from '../worker/db/client.ts';
import { loadConfig } from '../worker/kernel/config.ts';
import { jsonLogger } from '../worker/middleware/logger.ts';
import { ownerSql } from '../worker/test/db.ts';
import { z } from 'zod';
import { runCron } from './cron.ts';
import { jobRequest } from './enqueue.ts';
import { defineJob, type JobMessage, JobRegistry, jobMessageSchema } from './jobs.ts';
import {
  captureLogs,
  delivery,
  eventually,
  idempotencyKeysLeft,
  recordingQueue,
  runBatch,
  runsOf,
  seedIdempotencyKeys,
} from './test/fixtures.ts';

const EVERY_15_MINUTES = '*/15 * * * *';
const DAILY = '30 2 * * *';

afterEach(() => {
  vi.restoreAllMocks();
});

async function cronRuns(scheduledTime: string) {
  return (await ownerSql()`
    select job, cron, status, error, message_id, attempts, started_at, finished_at, duration_ms from cron_run
     where scheduled_time = ${scheduledTime} order by job`) as Array<{
    job: string;
    cron: string;
    status: string;
    error: string | null;
    message_id: string;
    attempts: number;
    started_at: string | null;
    finished_at: string | null;
    duration_ms: number | null;
  }>;
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

    // The messages went through the queue to this worker's own consumer, which recorded each run.
    const recorded = await eventually(
      () => cronRuns(new Date(scheduledTime).toISOString()),
      (runs) => runs.length === 5 && runs.every((run) => run.status === 'succeeded'),
    );
    expect(recorded.map((run) => [run.job, run.cron, run.status, run.attempts, run.error])).toEqual([
      ['billing.roll-up-usage', EVERY_15_MINUTES, 'succeeded', 1, null],
      ['files.purge-pending', EVERY_15_MINUTES, 'succeeded', 1, null],
      ['idempotency-keys.purge', EVERY_15_MINUTES, 'succeeded', 1, null],
      ['sessions.purge', EVERY_15_MINUTES, 'succeeded', 1, null],
      ['sign-in-state.purge', EVERY_15_MINUTES, 'succeeded', 1, null],
    ]);
    for (const run of recorded) {
      expect(run.started_at).not.toBeNull();
      expect(run.finished_at).not.toBeNull();
      expect(run.duration_ms).toBeGreaterThanOrEqual(0);
      expect(await runsOf(run.message_id)).toEqual([expect.objectContaining({ job: run.job, source: 'queue', status: 'succeeded' })]);
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

  it('sends one valid message per job of the trigger and claims a cron run for each', async () => {
    captureLogs();
    const queue = recordingQueue();
    const scheduledTime = Date.now() - 4321;

    const messages = await runCron({ cron: EVERY_15_MINUTES, scheduledTime }, { queue, ...deps() });

    expect(queue.sent).toEqual(messages);
    const parsed = queue.sent.map((body) => jobMessageSchema.parse(body) as JobMessage);
    expect(parsed.map((m) => [m.job, m.version, m.payload, m.cron])).toEqual([
      ['billing.roll-up-usage', 1, {}, EVERY_15_MINUTES],
      ['files.purge-pending', 1, {}, EVERY_15_MINUTES],
      ['idempotency-keys.purge', 1, {}, EVERY_15_MINUTES],
      ['sessions.purge', 1, { retention_days: 30 }, EVERY_15_MINUTES],
      ['sign-in-state.purge', 1, {}, EVERY_15_MINUTES],
    ]);
    const recorded = await cronRuns(new Date(scheduledTime).toISOString());
    // Runs are listed by job name, messages in the registry's order.
    const byId = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
    expect(recorded.map((run) => [run.message_id, run.status, run.started_at]).sort(byId)).toEqual(
      parsed.map((m) => [m.id, 'enqueued', null]).sort(byId),
    );
  });

  it('does the work of a period once: a second trigger for the same scheduled time sends nothing', async () => {
    captureLogs();
    const queue = recordingQueue();
    const scheduledTime = Date.now() - 2468;

    const first = await runCron({ cron: EVERY_15_MINUTES, scheduledTime }, { queue, ...deps() });
    const again = await Promise.all([
      runCron({ cron: EVERY_15_MINUTES, scheduledTime }, { queue, ...deps() }),
      runCron({ cron: EVERY_15_MINUTES, scheduledTime }, { queue, ...deps() }),
    ]);

    expect(again).toEqual([[], []]);
    expect(queue.sent).toEqual(first);
    const recorded = await cronRuns(new Date(scheduledTime).toISOString());
    expect(recorded.map((run) => run.message_id).sort()).toEqual(first.map((m) => m.id).sort());

    // The next period is a new run.
    const next = await runCron({ cron: EVERY_15_MINUTES, scheduledTime: scheduledTime + 15 * 60_000 }, { queue, ...deps() });
    expect(next).toHaveLength(5);
  });

  it('the consumer skips a redelivered cron message whose run succeeded, and records a failed attempt', async () => {
    captureLogs();
    const queue = recordingQueue();
    const scheduledTime = Date.now() - 1357;
    const handled: string[] = [];
    const succeeds = defineJob({
      name: 'cron-test.succeeds',
      version: 1,
      payload: z.strictObject({}),
      async handle() {
        handled.push('succeeds');
        return { done: true };
      },
    });
    const fails = defineJob({
      name: 'cron-test.fails',
      version: 1,
      payload: z.strictObject({}),
      async handle() {
        handled.push('fails');
        throw new Error('boom');
      },
    });
    const registry = new JobRegistry([succeeds, fails]);
    const jobs = { [EVERY_15_MINUTES]: [jobRequest(succeeds, {}), jobRequest(fails, {})] };
    const sent = await runCron({ cron: EVERY_15_MINUTES, scheduledTime }, { queue, jobs, ...deps() });

    const deliveries = sent.map((body) => delivery(body));
    await runBatch(deliveries, { registry });
    const redelivered = await runBatch(
      deliveries.map((d) => ({ ...d, attempts: 2 })),
      { registry },
    );

    expect(handled).toEqual(['succeeds', 'fails', 'fails']);
    expect(redelivered.explicitAcks).toEqual([deliveries[0]?.id]);
    const recorded = await cronRuns(new Date(scheduledTime).toISOString());
    expect(recorded.map((run) => [run.job, run.status, run.attempts, run.error])).toEqual([
      ['cron-test.fails', 'failed', 2, 'Error: boom'],
      ['cron-test.succeeds', 'succeeded', 1, null],
    ]);
  });

  it('sends the daily jobs on the daily trigger', async () => {
    captureLogs();
    const queue = recordingQueue();
    const scheduledTime = Date.now() - 8765;

    await runCron({ cron: DAILY, scheduledTime }, { queue, ...deps() });

    const parsed = queue.sent.map((body) => jobMessageSchema.parse(body) as JobMessage);
    expect(parsed.map((m) => [m.job, m.version, m.payload])).toEqual([
      ['billing.escalate-dunning', 1, {}],
      ['events.purge', 1, {}],
      ['workspaces.purge', 1, {}],
      ['tokens.purge', 1, { retention_days: 30 }],
      ['job-log.purge', 1, { run_retention_days: 30, dead_letter_retention_days: 90 }],
      ['exports.purge', 1, {}],
      ['invites.purge', 1, {}],
    ]);
    const recorded = await cronRuns(new Date(scheduledTime).toISOString());
    expect(recorded.map((run) => [run.job, run.cron])).toEqual([
      ['billing.escalate-dunning', DAILY],
      ['events.purge', DAILY],
      ['exports.purge', DAILY],
      ['invites.purge', DAILY],
      ['job-log.purge', DAILY],
      ['tokens.purge', DAILY],
      ['workspaces.purge', DAILY],
    ]);
  });

  it('records the runs as failed and throws when the queue refuses them; the next trigger claims them again', async () => {
    captureLogs();
    const queue = recordingQueue();
    const sendBatch = queue.sendBatch;
    queue.sendBatch = async () => {
      throw new Error('queue unavailable');
    };
    const scheduledTime = Date.now() - 5678;

    await expect(runCron({ cron: EVERY_15_MINUTES, scheduledTime }, { queue, ...deps() })).rejects.toThrow('queue unavailable');
    const recorded = await cronRuns(new Date(scheduledTime).toISOString());
    expect(recorded.map((run) => [run.job, run.status, run.error])).toEqual([
      ['billing.roll-up-usage', 'failed', 'Error: queue unavailable'],
      ['files.purge-pending', 'failed', 'Error: queue unavailable'],
      ['idempotency-keys.purge', 'failed', 'Error: queue unavailable'],
      ['sessions.purge', 'failed', 'Error: queue unavailable'],
      ['sign-in-state.purge', 'failed', 'Error: queue unavailable'],
    ]);

    queue.sendBatch = sendBatch;
    const retried = await runCron({ cron: EVERY_15_MINUTES, scheduledTime }, { queue, ...deps() });
    expect(retried).toHaveLength(5);
    const reclaimed = await cronRuns(new Date(scheduledTime).toISOString());
    expect(reclaimed.map((run) => [run.status, run.error])).toEqual(Array(5).fill(['enqueued', null]));
    expect(reclaimed.map((run) => run.message_id).sort()).toEqual(retried.map((m) => m.id).sort());
  });

  it('refuses a cron trigger that has no jobs', async () => {
    const queue = recordingQueue();
    await expect(runCron({ cron: '0 3 * * *', scheduledTime: Date.now() }, { queue, ...deps() })).rejects.toThrow(
      /No jobs are defined for the cron trigger "0 3 \* \* \*"/,
    );
    expect(queue.sent).toEqual([]);
  });
});
