import { Database } from '../worker/db/gateway.ts';
import { isDatabaseUnavailable } from '../worker/db/errors.ts';
import type { Bindings, Services } from '../worker/env.ts';
import { type Config, loadConfig } from '../worker/kernel/config.ts';
import { newUuid } from '../worker/kernel/ids.ts';
import { jsonLogger, type Logger } from '../worker/middleware/logger.ts';
import { finishCronRun, startCronRun } from './cron-run.repo.ts';
import { type DeadLetter, finishRun, startRun, storeDeadLetter } from './job-log.repo.ts';
import { type JobDefinition, type JobMessage, type JobRegistry, jobMessageSchema } from './jobs.ts';
import { jobRegistry } from './registry.ts';
import type { JobQueue } from './enqueue.ts';
import { registeredModules } from '../worker/modules/assembly.ts';

/**
 * Deliveries of one message before the consumer stores it in `job_dead_letter` and acks it. The
 * consumer's `max_retries` in wrangler.toml (5, so 6 deliveries) leaves one delivery in reserve, after
 * which the platform moves the message to the dead-letter queue.
 */
export const MAX_ATTEMPTS = 5;

/** Name of the dead-letter queue in wrangler.toml; its messages are stored, never run. */
export const DEAD_LETTER_QUEUE = 'edge-saas-jobs-dlq';

const BASE_DELAY_SECONDS = 10;
const MAX_DELAY_SECONDS = 15 * 60;
/** A configuration problem needs a deploy or a secret to fix; there is no point in asking sooner. */
const CONFIG_RETRY_DELAY_SECONDS = 5 * 60;
const MAX_ERROR_LENGTH = 2000;

/** Exponential backoff: 20 s after the first attempt, then 40, 80, 160 s…, capped at 15 minutes. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(MAX_DELAY_SECONDS, BASE_DELAY_SECONDS * 2 ** Math.max(1, attempts));
}

export function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}

type Parsed =
  | { ok: true; envelope: JobMessage; job: JobDefinition; payload: unknown }
  | { ok: false; letter: Pick<DeadLetter, 'job' | 'version' | 'payload' | 'error'> };

const issuesText = (issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>, root: string) =>
  issues.map((issue) => `${issue.path.map(String).join('.') || root}: ${issue.message}`).join('; ');

/** What can be said about a body that may not be a job message at all. */
function looseEnvelope(body: unknown): Pick<DeadLetter, 'job' | 'version' | 'payload'> {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : null;
  const job = typeof record?.job === 'string' ? record.job : null;
  const version = Number.isInteger(record?.version) ? (record?.version as number) : null;
  return { job, version, payload: job !== null && record && 'payload' in record ? record.payload : body };
}

function parseMessage(body: unknown, registry: JobRegistry): Parsed {
  const envelope = jobMessageSchema.safeParse(body);
  if (!envelope.success) {
    return { ok: false, letter: { ...looseEnvelope(body), error: `Invalid message: ${issuesText(envelope.error.issues, '(body)')}` } };
  }
  const { job: name, version, payload } = envelope.data;
  const job = registry.find(name, version);
  if (!job) return { ok: false, letter: { job: name, version, payload, error: `Unknown job ${name}@${version}` } };
  const parsed = job.payload.safeParse(payload);
  if (!parsed.success) {
    return {
      ok: false,
      letter: { job: name, version, payload, error: `Invalid payload: ${issuesText(parsed.error.issues, '(payload)')}` },
    };
  }
  return { ok: true, envelope: envelope.data, job, payload: parsed.data };
}

interface BatchContext {
  queue: string;
  db: Database;
  /** The jobs queue's producer, for jobs that send messages themselves (the outbox sweep). */
  jobs: JobQueue | undefined;
  registry: JobRegistry;
  config: Config;
  /**
   * The batch's services: the isolate's, with a mail outbox relayed after each job and realtime
   * notices sent once the batch is done.
   */
  services: Services;
}

/** Runs one job message and settles it: ack on success, retry with backoff, or dead letter. */
async function processJobMessage(message: Message<unknown>, { queue, db, services, config, jobs, registry }: BatchContext) {
  const logger = jsonLogger({ queue, queue_message_id: message.id, attempt: message.attempts });
  const parsed = parseMessage(message.body, registry);
  if (!parsed.ok) {
    // Retrying cannot make an invalid message valid: store it and take it off the queue.
    await storeDeadLetter(db, { messageId: message.id, reason: 'invalid', attempts: message.attempts, ...parsed.letter });
    message.ack();
    logger.error('job message rejected', { job: parsed.letter.job, error: parsed.letter.error });
    return;
  }

  const { envelope, job, payload } = parsed;
  const runId = newUuid();
  const detail = { message_id: envelope.id, queue_message_id: message.id, version: job.version, attempt: message.attempts };
  const jobLogger = jsonLogger({ job: job.name, run_id: runId, message_id: envelope.id, attempt: message.attempts });
  const cronRun = envelope.cron !== undefined;
  // Once the message is settled, a failed write of the run's outcome is logged, never retried.
  const closeRun = async (outcome: Parameters<typeof finishRun>[2]) => {
    try {
      await finishRun(db, runId, outcome);
      if (cronRun) {
        await finishCronRun(db, envelope.id, {
          status: outcome.status,
          error: outcome.error ?? null,
          durationMs: Math.round(performance.now() - started),
        });
      }
    } catch (error) {
      jobLogger.error('job run outcome not recorded', { status: outcome.status, error: errorText(error) });
    }
  };
  if (cronRun && !(await startCronRun(db, envelope.id))) {
    // The queue delivered a cron message whose run already succeeded: its period's work is done.
    message.ack();
    jobLogger.info('cron run already succeeded; redelivery skipped', { cron: envelope.cron });
    return;
  }
  await startRun(db, { id: runId, job: job.name, source: 'queue', detail });

  const started = performance.now();
  let result: Awaited<ReturnType<JobDefinition['handle']>>;
  try {
    result = await job.handle(payload, {
      db,
      queue: jobs,
      logger: jobLogger,
      modules: registeredModules(),
      config,
      services,
    });
  } catch (error) {
    const text = errorText(error);
    // A database outage says nothing about the message: it is retried for as long as the queue
    // keeps it, never stored as a job that failed (after the last delivery the platform moves it
    // to the dead-letter queue, whose consumer stores it once the database answers again).
    await relayMail(services, jobs, jobLogger);
    const outage = isDatabaseUnavailable(error);
    if (message.attempts >= MAX_ATTEMPTS && !outage) {
      try {
        await storeDeadLetter(
          db,
          {
            messageId: message.id,
            job: job.name,
            version: job.version,
            payload: envelope.payload,
            reason: 'exhausted',
            error: text,
            attempts: message.attempts,
            workspaceId: job.workspaceOf?.(payload),
          },
          services.bus,
        );
      } catch (storeError) {
        await closeRun({ status: 'failed', error: text, detail: { ...detail, dead_letter_not_stored: true } });
        throw storeError;
      }
      message.ack();
      jobLogger.error('job failed on its last attempt; stored as a dead letter', { error: text });
      await closeRun({ status: 'failed', error: text, detail: { ...detail, dead_lettered: true } });
      return;
    }
    const delaySeconds = retryDelaySeconds(message.attempts);
    message.retry({ delaySeconds });
    jobLogger.error(outage ? 'job met a database outage; retrying' : 'job failed; retrying', {
      error: text,
      retry_in_seconds: delaySeconds,
    });
    await closeRun({
      status: 'failed',
      error: text,
      detail: { ...detail, retry_in_seconds: delaySeconds, ...(outage ? { database_unavailable: true } : {}) },
    });
    return;
  }
  // The work is done: ack before the bookkeeping, so a failed write cannot make it run again.
  message.ack();
  await relayMail(services, jobs, jobLogger);
  jobLogger.info('job succeeded', { duration_ms: Math.round(performance.now() - started) });
  await closeRun({ status: 'succeeded', detail: { ...detail, result: result ?? null } });
}

/**
 * The mail a job wrote (committed, or rolled back and then dropped by `mail.send`), queued once the job
 * has ended; a failure leaves the rows to the mail sweep.
 */
async function relayMail(services: Services, jobs: JobQueue | undefined, logger: Logger): Promise<void> {
  await services.mail?.relay(jobs, (error) => logger.error('mail relay failed; the sweep will send the mail', { error: errorText(error) }));
}

/** A message on the dead-letter queue: the platform gave up on it. Store it so it can be seen. */
async function storeUndeliverable(message: Message<unknown>, { queue, db }: BatchContext) {
  await storeDeadLetter(db, {
    messageId: message.id,
    ...looseEnvelope(message.body),
    reason: 'undeliverable',
    error: `No delivery was settled within the retry limit; the platform moved the message to ${queue}`,
    attempts: message.attempts,
  });
  message.ack();
  jsonLogger({ queue, queue_message_id: message.id }).error('undeliverable job message stored as a dead letter');
}

/**
 * The `queue` entry point. Configuration is validated first; a bad one leaves every message for
 * later and names the problem in the log. Messages are then settled one by one, each explicitly, so
 * one failure never redelivers the rest of the batch. When even the bookkeeping fails (database
 * unreachable), the message is retried: nothing is acked that was not stored or done. The entry
 * point hands in how the services (object storage, mail, DNS) are wired (`wiring.ts`), so queues never
 * import it.
 */
export function createQueueHandler(servicesOf: (env: Bindings, config: Config) => Services, registry?: JobRegistry) {
  return async function handleQueue(batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext): Promise<void> {
    const logger = jsonLogger({ queue: batch.queue });
    let config: Config;
    let services: Services;
    let knownJobs: JobRegistry;
    try {
      config = loadConfig(env);
      // Wired once per batch, so that a configuration problem leaves the whole batch for later.
      services = servicesOf(env as Bindings, config);
    } catch (error) {
      logger.error('queue batch not processed: invalid configuration', {
        error: errorText(error),
        messages: batch.messages.length,
      });
      batch.retryAll({ delaySeconds: CONFIG_RETRY_DELAY_SECONDS });
      return;
    }
    try {
      knownJobs = registry ?? (await jobRegistry());
    } catch (error) {
      // The modules' job files could not be loaded: nothing can run, and nothing is lost by waiting.
      logger.error('queue batch not processed: the jobs could not be loaded', { error: errorText(error), messages: batch.messages.length });
      batch.retryAll({ delaySeconds: CONFIG_RETRY_DELAY_SECONDS });
      return;
    }

    const db = new Database(config);
    const context: BatchContext = {
      queue: batch.queue,
      db,
      services,
      config,
      jobs: env.JOBS,
      registry: knownJobs,
    };
    const settle = batch.queue === DEAD_LETTER_QUEUE ? storeUndeliverable : processJobMessage;
    try {
      for (const message of batch.messages) {
        try {
          await settle(message, context);
        } catch (error) {
          // The message was neither done nor stored (the database is unreachable, say): try again.
          message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
          logger.error('job message not settled; retrying', { queue_message_id: message.id, error: errorText(error) });
        }
      }
      // What the batch's consumers left for after their commits (the realtime hubs' messages).
      services.afterResponse?.(ctx, logger);
    } finally {
      await db.close();
    }
  };
}
