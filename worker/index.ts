import { createQueueHandler } from '../queues/consumer.ts';
import { handleScheduled } from '../queues/cron.ts';
import { servingApp } from './app.ts';
import { batchServices } from './wiring.ts';

export { DevInbox } from '../durable-objects/dev-inbox.ts';
export { RateLimiter } from '../durable-objects/rate-limiter.ts';
export { WorkspaceHub } from '../durable-objects/workspace-hub.ts';

const app = servingApp();

export default {
  fetch: app.fetch,

  /** Background jobs (queues/jobs.ts): validated, retried with backoff, dead letters stored. */
  queue: createQueueHandler(batchServices),

  /** Cron triggers enqueue their jobs (queues/cron.ts); the consumer runs them. */
  scheduled: handleScheduled,
} satisfies ExportedHandler<Env>;
