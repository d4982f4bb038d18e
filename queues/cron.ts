import { Database } from '../worker/db/gateway.ts';
import { AppError } from '../worker/kernel/errors.ts';
import { type Config, loadConfig } from '../worker/kernel/config.ts';
import { jsonLogger, type Logger } from '../worker/middleware/logger.ts';
import { errorText } from './consumer.ts';
import { enqueueAll, type JobQueue, type JobRequest, jobRequest } from './enqueue.ts';
import { recordRuns } from './job-log.repo.ts';
import {
  type JobMessage,
  purgeExpiredExports,
  purgeIdempotencyKeys,
  purgeInvites,
  purgeJobLogs,
  purgeSessions,
  purgeSignInState,
  purgeTokens,
} from './jobs.ts';
import { registeredModules } from '../worker/modules/assembly.ts';
import type { ModuleManifest } from '../worker/modules/module.ts';

/**
 * What each cron trigger of wrangler.toml enqueues. A trigger only enqueues: the consumer does the
 * work, through the same job definitions, with the same validation, retries and dead letters. Every
 * job here is safe to run twice, so a trigger that fires twice does no harm.
 */
const housekeepingSchedule: Readonly<Record<string, readonly JobRequest[]>> = {
  '*/15 * * * *': [
    jobRequest(purgeIdempotencyKeys, {}),
    jobRequest(purgeSessions, { retention_days: 30 }),
    jobRequest(purgeSignInState, {}),
  ],
  // Token retention is counted in days: once a day is precision enough, and the scan is daily.
  '30 2 * * *': [
    jobRequest(purgeTokens, { retention_days: 30 }),
    jobRequest(purgeJobLogs, { run_retention_days: 30, dead_letter_retention_days: 90 }),
    jobRequest(purgeExpiredExports, {}),
    jobRequest(purgeInvites, {}),
  ],
};

/** Each trigger's jobs: each registered module's (`cron` in its manifest), then the platform's housekeeping. */
export function cronJobs(modules: readonly ModuleManifest[] = registeredModules()): Readonly<Record<string, readonly JobRequest[]>> {
  const schedule: Record<string, JobRequest[]> = {};
  for (const part of [...modules.map((m) => m.cron ?? {}), housekeepingSchedule]) {
    for (const [cron, requests] of Object.entries(part)) schedule[cron] = [...(schedule[cron] ?? []), ...requests];
  }
  return schedule;
}

export interface CronDeps {
  queue: JobQueue;
  db: Database;
  logger: Logger;
  jobs?: Readonly<Record<string, readonly JobRequest[]>>;
}

/**
 * Enqueues the jobs of one cron trigger and records a `job_run` (source 'cron') for each, whether
 * the send succeeded or not. Exported apart from `handleScheduled` so the producer can be replaced.
 */
export async function runCron(
  controller: Pick<ScheduledController, 'cron' | 'scheduledTime'>,
  { queue, db, logger, jobs = cronJobs() }: CronDeps,
): Promise<JobMessage[]> {
  const requests = jobs[controller.cron];
  if (!requests) {
    throw new AppError('INTERNAL', `No jobs are defined for the cron trigger "${controller.cron}" (queues/cron.ts)`);
  }
  const startedAt = new Date();
  let messages: JobMessage[] = [];
  let failure: unknown = null;
  try {
    messages = await enqueueAll(queue, requests);
  } catch (error) {
    failure = error;
  }
  const finishedAt = new Date();
  const scheduledTime = new Date(controller.scheduledTime).toISOString();
  await recordRuns(
    db,
    requests.map((request, i) => ({
      job: request.job.name,
      source: 'cron' as const,
      status: failure ? ('failed' as const) : ('succeeded' as const),
      startedAt,
      finishedAt,
      error: failure ? errorText(failure) : null,
      detail: {
        cron: controller.cron,
        scheduled_time: scheduledTime,
        version: request.job.version,
        action: 'enqueue',
        message_id: messages[i]?.id ?? null,
      },
    })),
  );
  if (failure) {
    logger.error('cron could not enqueue its jobs', { error: errorText(failure) });
    throw failure;
  }
  logger.info('cron enqueued its jobs', { jobs: requests.map((r) => r.job.name).join(','), count: messages.length });
  return messages;
}

/** The `scheduled` entry point: configuration validated first, then the trigger's jobs enqueued on `JOBS`. */
export async function handleScheduled(controller: ScheduledController, env: Env, _ctx: ExecutionContext): Promise<void> {
  const logger = jsonLogger({ cron: controller.cron });
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    logger.error('cron not run: invalid configuration', { error: errorText(error) });
    throw error;
  }
  const db = new Database(config);
  try {
    await runCron(controller, { queue: env.JOBS, db, logger });
  } finally {
    await db.close();
  }
}
