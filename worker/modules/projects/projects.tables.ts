import { sql } from 'drizzle-orm';
import { check, index, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, inTenant, updatedAt, workspace } from '../../db/schema.ts';
import { attachmentTable } from '../files/attachment-table.ts';

/**
 * The sample module's one table. Like every tenant table: `workspace_id` references `workspace` with
 * `ON DELETE CASCADE` (the purge of deleted workspaces relies on it), RLS enabled and forced (the
 * forcing and the request role's grants are in the module's custom migration), a policy on the
 * workspace in context. drizzle-kit finds this file by the `*.tables.ts` glob of drizzle.config.ts.
 */
export const project = pgTable(
  'project',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspace.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    status: text('status', { enum: ['active', 'archived'] })
      .notNull()
      .default('active'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    index('project_workspace_created_idx').on(t.workspaceId, t.createdAt, t.id).where(sql`deleted_at is null`),
    index('project_workspace_name_idx').on(t.workspaceId, t.name, t.id).where(sql`deleted_at is null`),
    check('project_status_valid', sql`${t.status} in ('active', 'archived')`),
    pgPolicy('project_tenant', { for: 'all', using: inTenant, withCheck: inTenant }),
  ],
).enableRLS();

/**
 * Files of the workspace attached to a project (docs/decisions/061): the link table every module
 * with attachments has. A soft-deleted project hides its links with it, and its files stay on the
 * workspace's Files page.
 */
export const projectAttachment = attachmentTable('project_attachment', 'project_id', () => project.id);
