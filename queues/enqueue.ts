import type { z } from 'zod';
import { AppError } from '../worker/kernel/errors.ts';
import { newUuid } from '../worker/kernel/ids.ts';
import type { JobDefinition, JobMessage } from './jobs.ts';

/** The producer side of a queue binding (`env.JOBS`); tests may pass anything with these two methods. */
export type JobQueue = Pick<Queue, 'send' | 'sendBatch'>;

/** One job to enqueue, with its payload checked against that job's schema at compile time. */
export interface JobRequest<P extends z.ZodType = z.ZodType> {
  job: JobDefinition<P>;
  payload: z.input<P>;
  /** Deliver no sooner than this (the queue's `delaySeconds`). */
  delaySeconds?: number | undefined;
}

/** Pairs a job with its payload; keeps the payload's type tied to the job inside lists of requests. */
export function jobRequest<P extends z.ZodType>(
  job: JobDefinition<P>,
  payload: z.input<P>,
  options: { delaySeconds?: number } = {},
): JobRequest {
  return { job, payload, ...options } as JobRequest;
}

const MAX_SEND_BATCH = 100;

/**
 * Builds the message for a job after validating its payload, so a bad payload fails in the producer
 * (where the bug is) rather than as a dead letter later. The payload travels as given, not as
 * parsed: the consumer parses it with the same schema, and transforms need their input. Payloads
 * are JSON.
 */
export function jobMessage<P extends z.ZodType>(job: JobDefinition<P>, payload: z.input<P>): JobMessage {
  const parsed = job.payload.safeParse(payload);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`);
    throw new AppError('INTERNAL', `Invalid payload for job ${job.name}@${job.version}: ${issues.join('; ')}`);
  }
  return {
    id: newUuid(),
    job: job.name,
    version: job.version,
    payload,
    enqueued_at: new Date().toISOString(),
  };
}

/**
 * Validates the payload and sends one job message; resolves once the queue has stored it.
 *
 * @example
 * await enqueue(env.JOBS, purgeSessions, { retention_days: 30 });
 */
export async function enqueue<P extends z.ZodType>(
  queue: JobQueue,
  job: JobDefinition<P>,
  payload: z.input<P>,
  options: { delaySeconds?: number } = {},
): Promise<JobMessage> {
  const message = jobMessage(job, payload);
  await queue.send(message, { contentType: 'json', ...options });
  return message;
}

/** Validates every payload first, then sends them in batches of up to 100 (the platform's limit), each with its own delay. */
export async function enqueueAll(queue: JobQueue, requests: readonly JobRequest[]): Promise<JobMessage[]> {
  const messages = requests.map((request) => jobMessage(request.job, request.payload));
  await sendMessages(
    queue,
    messages,
    requests.map((request) => request.delaySeconds),
  );
  return messages;
}

/** Sends messages already built by `jobMessage`, in batches of up to 100 (the platform's limit). */
export async function sendMessages(
  queue: JobQueue,
  messages: readonly JobMessage[],
  delays: ReadonlyArray<number | undefined> = [],
): Promise<void> {
  for (let i = 0; i < messages.length; i += MAX_SEND_BATCH) {
    const chunk = messages.slice(i, i + MAX_SEND_BATCH);
    await queue.sendBatch(
      chunk.map((body, j) => {
        const delaySeconds = delays[i + j];
        return { body, contentType: 'json' as const, ...(delaySeconds !== undefined ? { delaySeconds } : {}) };
      }),
    );
  }
}
