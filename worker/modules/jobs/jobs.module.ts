import { jobIds } from '../job-records.ts';
import { lazyRoutes } from '../lazy-routes.ts';
import { defineModule } from '../module.ts';
import { notifications, publishes } from './jobs.events.ts';
import { jobFailureIds } from './jobs.ids.ts';
import { permissions } from './jobs.permissions.ts';

/**
 * A workspace's view of its background jobs: the ones people watch (progress, cancel; the `job`
 * records other modules write through `modules/job-records.ts`), the ones that failed, and sending one again.
 */
export const jobsModule = defineModule({
  name: 'jobs',
  routes: [
    lazyRoutes(['/w/{workspace}/jobs'], () => import('./jobs-watch.routes.ts').then((m) => m.jobRoutes())),
    lazyRoutes(['/w/{workspace}/job-failures'], () => import('./jobs.routes.ts').then((m) => m.jobFailureRoutes())),
  ],
  ids: [jobIds, jobFailureIds],
  permissions,
  // `jobs.failed` is declared here, with the failures it announces, and published by the platform's
  // queue consumer as it stores one (queues/job-log.repo.ts): no module's code runs at that moment.
  publishes,
  notifications,
});
