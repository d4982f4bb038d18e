import { expiringExports } from '../../../queues/export-purge.ts';
import { personalExportPurge } from './personal-exports.job.ts';
import { lazyRoutes } from '../lazy-routes.ts';
import { defineModule } from '../module.ts';
import { personalExportIds } from './account.ids.ts';

/** The person's account: leaving a workspace, deletion, and the export of their data. */
export const accountModule = defineModule({
  name: 'account',
  routes: [
    lazyRoutes(['/exports', '/me$', '/me/exports', '/w/{workspace}/leave'], () =>
      import('./account.routes.ts').then((m) => m.accountRoutes()),
    ),
  ],
  ids: [personalExportIds],
  // Leaving and account deletion change who belongs to a workspace, as the members module's removals do.
  emits: ['members.changed'],
  jobs: () => import('./personal-exports.job.ts').then((m) => [m.exportPersonalData]),
  expiringExports: [expiringExports('personal_exports', personalExportPurge)],
});
