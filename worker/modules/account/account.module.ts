import { exportPersonalData } from '../../../queues/jobs.ts';
import { defineModule } from '../module.ts';
import { accountRoutes } from './account.routes.ts';

/** The person's account: leaving a workspace, deletion, and the export of their data. */
export const accountModule = defineModule({
  name: 'account',
  routes: [accountRoutes],
  jobs: [exportPersonalData],
});
