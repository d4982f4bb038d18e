import { exportAuditLog } from '../../../queues/jobs.ts';
import { defineModule } from '../module.ts';
import { auditExportRoutes } from './audit-exports.routes.ts';
import { permissions } from './audit.permissions.ts';

/** The audit log (written by every module through `recordAudit`) and its exports. */
export const auditModule = defineModule({
  name: 'audit',
  routes: [auditExportRoutes],
  permissions,
  jobs: [exportAuditLog],
});
