import { expiringExports } from '../../../queues/export-purge.ts';
import { auditExportPurge } from './audit-exports.job.ts';
import { lazyRoutes } from '../lazy-routes.ts';
import { defineModule } from '../module.ts';
import { flags } from './audit.flags.ts';
import { notifications, publishes } from './audit.events.ts';
import { auditLogIds, auditExportIds } from './audit.ids.ts';
import { permissions } from './audit.permissions.ts';

/** The audit log (written by every module through `recordAudit`) and its exports. */
export const auditModule = defineModule({
  name: 'audit',
  routes: [lazyRoutes(['/w/{workspace}/audit-exports'], () => import('./audit-exports.routes.ts').then((m) => m.auditExportRoutes()))],
  ids: [auditLogIds, auditExportIds],
  permissions,
  jobs: () => import('./audit-exports.job.ts').then((m) => [m.exportAuditLog]),
  emits: ['audit.export_ready'],
  publishes,
  notifications,
  flags,
  expiringExports: [expiringExports('audit_exports', auditExportPurge)],
});
