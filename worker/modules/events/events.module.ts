import { jobRequest } from '../../../queues/enqueue.ts';
import { defineModule } from '../module.ts';
import { dispatchEvent, purgeEvents, sweepOutboxJob } from './events.jobs.ts';

/**
 * The transactional outbox: published domain events leave through it to the queue, and each module's
 * `consumers` receive them once in effect (docs/decisions/039-transactional-outbox.md).
 */
export const eventsModule = defineModule({
  name: 'events',
  jobs: [dispatchEvent, sweepOutboxJob, purgeEvents],
  cron: {
    // The safety net: events whose relay after commit did not send them.
    '* * * * *': [jobRequest(sweepOutboxJob, {})],
    '30 2 * * *': [jobRequest(purgeEvents, {})],
  },
});
