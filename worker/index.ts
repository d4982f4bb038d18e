import { servingApp } from './app.ts';
import { batchServices } from './wiring.ts';

export { DevInbox } from '../durable-objects/dev-inbox.ts';
export { RateLimiter } from '../durable-objects/rate-limiter.ts';
export { WorkspaceHub } from '../durable-objects/workspace-hub.ts';

const app = servingApp();

// Queue batches and cron triggers load their code on first use: an isolate that only serves
// requests never evaluates it (docs/decisions/077-background-work-on-first-use.md). A load that
// failed is tried again by the next batch.
let queueHandler: Promise<ExportedHandlerQueueHandler<Env>> | undefined;
const loadQueueHandler = () =>
  (queueHandler ??= import('../queues/consumer.ts').then(
    (m) => m.createQueueHandler(batchServices) as ExportedHandlerQueueHandler<Env>,
    (error: unknown) => {
      queueHandler = undefined;
      throw error;
    },
  ));

export default {
  fetch: app.fetch,

  /** Background jobs (queues/jobs.ts): validated, retried with backoff, dead letters stored. */
  async queue(batch, env, ctx) {
    return (await loadQueueHandler())(batch, env, ctx);
  },

  /** Cron triggers enqueue their jobs (queues/cron.ts); the consumer runs them. */
  async scheduled(controller, env, ctx) {
    return (await import('../queues/cron.ts')).handleScheduled(controller, env, ctx);
  },
} satisfies ExportedHandler<Env>;
