import { jobRequest } from '../../../queues/enqueue.ts';
import { lazyRoutes } from '../lazy-routes.ts';
import { defineModule } from '../module.ts';
import { avatarErasure } from './avatar.service.ts';
import { devR2Routes } from './dev-r2.routes.ts';
import { filesExport } from './files.export.ts';
import { fileIds } from './files.ids.ts';
import { deleteWorkspaceFiles } from './files.jobs.ts';
import { permissions } from './files.permissions.ts';

/**
 * Files uploaded straight from the browser to R2 with presigned URLs, checked, scanned for malware
 * and served through short signed GETs; the Worker never carries the bytes
 * (docs/decisions/044-presigned-uploads-and-local-r2-endpoint.md, 045-malware-scanning.md).
 * The development S3 endpoint (`dev-r2.routes.ts`) exists only in development and tests.
 */
export const filesModule = defineModule({
  name: 'files',
  routes: [
    lazyRoutes(['/w/{workspace}/files', '/w/{workspace}/storage'], () => import('./files.routes.ts').then((m) => m.fileRoutes())),
    lazyRoutes(['/me/avatar', '/w/{workspace}/avatar', '/w/{workspace}/members'], () =>
      import('./avatar.routes.ts').then((m) => m.avatarRoutes()),
    ),
  ],
  pages: [devR2Routes],
  permissions,
  ids: [fileIds],
  jobs: () => import('./files.jobs.ts').then((m) => [m.scanFile, m.purgePendingFiles]),
  cron: () => import('./files.jobs.ts').then((m) => ({ '*/15 * * * *': [jobRequest(m.purgePendingFiles, {})] })),
  workspacePurge: [deleteWorkspaceFiles],
  personalExport: [filesExport],
  erasure: { account: [avatarErasure] },
});
