import { expiringExports } from '../../../queues/export-purge.ts';
import { exportPersonalData, personalExportPurge } from './personal-exports.job.ts';
import { defineModule } from '../module.ts';
import { personalExportIds } from './account.ids.ts';
import { accountRoutes } from './account.routes.ts';

/** The person's account: leaving a workspace, deletion, and the export of their data. */
export const accountModule = defineModule({
  name: 'account',
  routes: [accountRoutes],
  ids: [personalExportIds],
  // Leaving and account deletion change who belongs to a workspace, as the members module's removals do.
  emits: ['members.changed'],
  jobs: [exportPersonalData],
  expiringExports: [expiringExports('personal_exports', personalExportPurge)],
});
