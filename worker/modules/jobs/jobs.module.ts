import { jobIds } from '../job-records.ts';
import { defineModule } from '../module.ts';
import { jobFailureIds } from './jobs.ids.ts';
import { permissions } from './jobs.permissions.ts';
import { jobFailureRoutes } from './jobs.routes.ts';
import { jobRoutes } from './jobs-watch.routes.ts';

/**
 * A workspace's view of its background jobs: the ones people watch (progress, cancel; the `job`
 * records other modules write through `modules/job-records.ts`), the ones that failed, and sending one again.
 */
export const jobsModule = defineModule({
  name: 'jobs',
  routes: [jobRoutes, jobFailureRoutes],
  ids: [jobIds, jobFailureIds],
  permissions,
});
