import { jobRequest } from '../../../queues/enqueue.ts';
import { defineModule } from '../module.ts';

/**
 * The transactional outbox: published domain events leave through it to the queue, and each module's
 * `consumers` receive them once in effect (docs/decisions/039-transactional-outbox.md).
 */
export const eventsModule = defineModule({
  name: 'events',
  jobs: () => import('./events.jobs.ts').then((m) => [m.dispatchEvent, m.sweepOutboxJob, m.purgeEvents]),
  cron: () =>
    import('./events.jobs.ts').then((m) => ({
      // The safety net: events whose relay after commit did not send them.
      '* * * * *': [jobRequest(m.sweepOutboxJob, {})],
      '30 2 * * *': [jobRequest(m.purgeEvents, {})],
    })),
});
