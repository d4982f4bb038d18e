import { type AnyPgColumn, index, pgPolicy, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { createdAt, inTenant, workspace } from '../../db/schema.ts';

/**
 * The link table of a module whose records take attachments (docs/decisions/061): files of the
 * workspace linked to a record, never copied. Called from the module's own `*.tables.ts`, e.g.
 * `attachmentTable('invoice_attachment', 'invoice_id', () => invoice.id)`. The link goes with its
 * record; `(workspace_id, file_id)` references `file (workspace_id, id)` with `ON DELETE CASCADE` in
 * the module's custom migration (the `file` table is this module's), so a link names only a file of
 * its own workspace and goes with the file.
 */
export function attachmentTable(name: string, ownerColumn: string, ownerId: () => AnyPgColumn) {
  return pgTable(
    name,
    {
      workspaceId: uuid('workspace_id')
        .notNull()
        .references(() => workspace.id, { onDelete: 'cascade' }),
      ownerId: uuid(ownerColumn).notNull().references(ownerId, { onDelete: 'cascade' }),
      fileId: uuid('file_id').notNull(),
      attachedBy: uuid('attached_by'),
      createdAt: createdAt(),
    },
    (t) => [
      primaryKey({ columns: [t.ownerId, t.fileId] }),
      index(`${name}_file_idx`).on(t.workspaceId, t.fileId),
      pgPolicy(`${name}_tenant`, { for: 'all', using: inTenant, withCheck: inTenant }),
    ],
  ).enableRLS();
}

export type AttachmentTable = ReturnType<typeof attachmentTable>;
