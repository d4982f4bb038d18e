import { index, integer, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, inTenant, exportPurgeDue, user, workspace } from '../../db/schema.ts';

// Exports of a workspace's audit log (the log itself is a core table: every module writes it).

/**
 * An export of a workspace's audit log to object storage, written by the `audit-log.export` job.
 * The object lives at `object_key` until `expires_at` (7 days after it was written). This is the
 * export's artefact only: its status, progress and error are its `job` (same id).
 */
export const auditExport = pgTable(
  'audit_export',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspace.id, { onDelete: 'cascade' }),
    requestedBy: uuid('requested_by').references(() => user.id, { onDelete: 'set null' }),
    /** Set once the file is written. */
    objectKey: text('object_key'),
    rowCount: integer('row_count'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [
    index('audit_export_workspace_created_idx').on(t.workspaceId, t.createdAt),
    pgPolicy('audit_export_tenant', { for: 'all', using: inTenant, withCheck: inTenant }),
    // The purge finds due exports across workspaces, as the request role with no workspace set.
    pgPolicy('audit_export_purge_due_read', { for: 'select', using: exportPurgeDue }),
    pgPolicy('audit_export_purge_due_delete', { for: 'delete', using: exportPurgeDue }),
    // Exports are a record while they live: whatever else admits a row, only a due one is deleted.
    pgPolicy('audit_export_delete_only_due', { as: 'restrictive', for: 'delete', using: exportPurgeDue }),
  ],
).enableRLS();
