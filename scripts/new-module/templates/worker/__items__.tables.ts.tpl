import { sql } from 'drizzle-orm';
import { index, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, inTenant, updatedAt, workspace } from '../../db/schema.ts';
import { attachmentTable } from '../files/attachment-table.ts'; // @attachments

/**
 * A tenant table: `workspace_id` references `workspace` with `ON DELETE CASCADE` (the purge of
 * deleted workspaces relies on it), RLS enabled and forced (the forcing and the request role's
 * grants are in the module's custom migration), a policy on the workspace in context.
 */
export const __itemVar__ = pgTable(
  '__item_table__',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspace.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    index('__item_table___workspace_created_idx')
      .on(t.workspaceId, t.createdAt, t.id)
      .where(sql`deleted_at is null`),
    index('__item_table___workspace_name_idx').on(t.workspaceId, t.name, t.id).where(sql`deleted_at is null`),
    pgPolicy('__item_table___tenant', { for: 'all', using: inTenant, withCheck: inTenant }),
  ],
).enableRLS();
// @attachments
/** Files of the workspace attached to __a_item_words__ (docs/decisions/061); a deleted __item_words__ hides its links. */ // @attachments
export const __itemVar__Attachment = attachmentTable('__item_table___attachment', '__item_table___id', () => __itemVar__.id); // @attachments
