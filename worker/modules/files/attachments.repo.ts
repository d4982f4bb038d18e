import { and, desc, eq, isNull } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { HttpDb, Tx } from '../../db/gateway.ts';
import type { AttachmentTable } from './attachment-table.ts';

/** The records a module attaches files to: its table, with an id and a soft-delete column. */
export interface AttachmentOwner {
  table: PgTable;
  id: PgColumn;
  deletedAt: PgColumn;
}

/**
 * A live record's attached file ids, newest link first, in one query: no row means no such record,
 * a row without a file id a record with none. RLS scopes both tables to the workspace in context.
 */
export const selectAttachedIds = (db: HttpDb, links: AttachmentTable, owner: AttachmentOwner, ownerId: string) =>
  db
    .select({ ownerId: owner.id, fileId: links.fileId })
    .from(owner.table)
    .leftJoin(links, eq(links.ownerId, owner.id))
    .where(and(eq(owner.id, ownerId), isNull(owner.deletedAt)))
    .orderBy(desc(links.createdAt), desc(links.fileId))
    .limit(100);

/** The live record, locked so it cannot be deleted while a file is linked to it; null when there is none. */
export async function lockLiveOwner(tx: Tx, owner: AttachmentOwner, ownerId: string) {
  const [row] = await tx
    .select({ id: owner.id })
    .from(owner.table)
    .where(and(eq(owner.id, ownerId), isNull(owner.deletedAt)))
    .for('update');
  return row ?? null;
}

/** Links a file once; attaching it again changes nothing. */
export const insertAttachment = (tx: Tx, links: AttachmentTable, row: AttachmentTable['$inferInsert']) =>
  tx.insert(links).values(row).onConflictDoNothing().returning({ fileId: links.fileId });

export const deleteAttachment = (tx: Tx, links: AttachmentTable, ownerId: string, fileId: string) =>
  tx
    .delete(links)
    .where(and(eq(links.ownerId, ownerId), eq(links.fileId, fileId)))
    .returning({ fileId: links.fileId });
