import { defineModule } from '../module.ts';
import { jobFailureIds } from './jobs.ids.ts';
import { permissions } from './jobs.permissions.ts';
import { jobFailureRoutes } from './jobs.routes.ts';

/** A workspace's view of its background jobs: the ones that failed, and sending one again. */
export const jobsModule = defineModule({
  name: 'jobs',
  routes: [jobFailureRoutes],
  ids: [jobFailureIds],
  permissions,
});
