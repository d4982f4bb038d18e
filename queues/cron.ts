import { Database } from '../worker/db/gateway.ts';
import { AppError } from '../worker/kernel/errors.ts';
import { type Config, loadConfig } from '../worker/kernel/config.ts';
import { jsonLogger, type Logger } from '../worker/middleware/logger.ts';
import { errorText } from './consumer.ts';
import { claimCronRuns, markEnqueueFailed } from './cron-run.repo.ts';
import { type JobQueue, type JobRequest, jobMessage, jobRequest, sendMessages } from './enqueue.ts';
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

/**
 * Each trigger's jobs: each registered module's (`cron` in its manifest, loaded now), then the
 * platform's housekeeping.
 */
export async function cronJobs(
  modules: readonly ModuleManifest[] = registeredModules(),
): Promise<Readonly<Record<string, readonly JobRequest[]>>> {
  const schedule: Record<string, JobRequest[]> = {};
  const modulesSchedules = await Promise.all(modules.map(async (m) => (await m.cron?.()) ?? {}));
  for (const part of [...modulesSchedules, housekeepingSchedule]) {
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
 * Enqueues the jobs of one cron trigger, once per period: each job's `cron_run` for the scheduled
 * time is claimed first, and only the claimed ones are sent, so a trigger fired twice for the same
 * period sends nothing the second time. The consumer records start, duration and outcome on the
 * run. Exported apart from `handleScheduled` so the producer can be replaced.
 */
export async function runCron(
  controller: Pick<ScheduledController, 'cron' | 'scheduledTime'>,
  { queue, db, logger, jobs }: CronDeps,
): Promise<JobMessage[]> {
  const requests = (jobs ?? (await cronJobs()))[controller.cron];
  if (!requests) {
    throw new AppError('INTERNAL', `No jobs are defined for the cron trigger "${controller.cron}" (queues/cron.ts)`);
  }
  const messages = requests.map((request) => ({ ...jobMessage(request.job, request.payload), cron: controller.cron }));
  const claimed = await claimCronRuns(
    db,
    { cron: controller.cron, scheduledTime: new Date(controller.scheduledTime) },
    messages.map((message) => ({ job: message.job, messageId: message.id })),
  );
  const toSend = messages.filter((message) => claimed.has(message.id));
  try {
    await sendMessages(queue, toSend);
  } catch (error) {
    await markEnqueueFailed(
      db,
      toSend.map((message) => message.id),
      errorText(error),
    );
    logger.error('cron could not enqueue its jobs', { error: errorText(error) });
    throw error;
  }
  const skipped = messages.filter((message) => !claimed.has(message.id)).map((message) => message.job);
  logger.info('cron enqueued its jobs', {
    jobs: toSend.map((message) => message.job).join(','),
    count: toSend.length,
    ...(skipped.length > 0 ? { already_claimed: skipped.join(',') } : {}),
  });
  return toSend;
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
