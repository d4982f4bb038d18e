import { sql } from 'drizzle-orm';
import { bigint, check, index, pgPolicy, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, currentUserId, inTenant, updatedAt, workspace } from '../../db/schema.ts';

/**
 * The pending-upload purge's cutoff (`app.purge_before`, declared by the job as now − 24 h): only
 * rows still pending from before it are visible to, and deletable by, a job with no workspace.
 */
const pendingPurgeDue = sql`status = 'pending' and created_at < nullif(current_setting('app.purge_before', true), '')::timestamptz`;

/**
 * One uploaded (or announced) file. The bytes live in R2 under `object_key`
 * (`files/<workspace_id>/<id>`), chosen by the server; `name` is the uploader's, cleaned, and is
 * never part of the key. `status`: pending (presigned) → uploaded (confirmed: size, type and
 * SHA-256 checked) → clean or quarantined (scanned). Only clean files are served.
 */
export const file = pgTable(
  'file',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspace.id, { onDelete: 'cascade' }),
    objectKey: text('object_key').notNull(),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    status: text('status', { enum: ['pending', 'uploaded', 'clean', 'quarantined'] })
      .notNull()
      .default('pending'),
    /** The signature the scanner matched, for a quarantined file. */
    scanSignature: text('scan_signature'),
    uploadedBy: uuid('uploaded_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }),
    scannedAt: timestamp('scanned_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('file_object_key_idx').on(t.objectKey),
    // The target of references that name the workspace with the file (a person's avatar).
    uniqueIndex('file_workspace_id_id_key').on(t.workspaceId, t.id),
    index('file_workspace_created_idx').on(t.workspaceId, t.createdAt, t.id),
    index('file_pending_created_idx').on(t.createdAt).where(sql`status = 'pending'`),
    check('file_status_valid', sql`${t.status} in ('pending', 'uploaded', 'clean', 'quarantined')`),
    check('file_size_positive', sql`${t.sizeBytes} > 0`),
    check('file_sha256_hex', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check('file_name_length', sql`char_length(${t.name}) between 1 and 255`),
    pgPolicy('file_tenant', { for: 'all', using: inTenant, withCheck: inTenant }),
    // A person reads the one file that is their avatar from outside any workspace (GET /me/avatar):
    // with a workspace in context, a workspace's queries see its own files only.
    pgPolicy('file_own_avatar_read', {
      for: 'select',
      using: sql`nullif(current_setting('app.workspace_id', true), '') is null and exists (select 1 from "user" u where u.id = ${currentUserId} and u.avatar_workspace_id = file.workspace_id and u.avatar_file_id = file.id)`,
    }),
    pgPolicy('file_pending_purge_read', { for: 'select', using: pendingPurgeDue }),
    pgPolicy('file_pending_purge_delete', { for: 'delete', using: pendingPurgeDue }),
  ],
).enableRLS();
