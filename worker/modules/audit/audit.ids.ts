import { publicIdKind } from '../../kernel/ids.ts';

/** An audit-log entry: `aud_…`. */
export const auditLogIds = publicIdKind('auditLog', 'aud');

/** An audit-log export: `aex_…`. */
export const auditExportIds = publicIdKind('auditExport', 'aex');
