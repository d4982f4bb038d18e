import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { HttpDb, QueryBuilder, Tx } from '../../db/gateway.ts';
import { workspace } from '../../db/schema.ts';
import { file } from './files.tables.ts';
import type { Position } from '../../kernel/cursor.ts';
import { after, type Keyset, keysetOrder, sortValue } from '../keyset.ts';

export const fileColumns = {
  id: file.id,
  workspaceId: file.workspaceId,
  objectKey: file.objectKey,
  name: file.name,
  contentType: file.contentType,
  sizeBytes: file.sizeBytes,
  sha256: file.sha256,
  status: file.status,
  scanSignature: file.scanSignature,
  uploadedBy: file.uploadedBy,
  createdAt: file.createdAt,
  uploadedAt: file.uploadedAt,
  scannedAt: file.scannedAt,
};

/** No `workspace_id` filter: RLS scopes every row to the workspace in context. */
const newestFirst: Keyset = { value: file.createdAt, id: file.id, type: 'timestamptz', direction: 'desc' };

/** One page of the workspace's files, newest first: `limit + 1` rows after the position. */
export const selectPage = (db: HttpDb, params: { after: Position | null; limit: number }) =>
  db
    .select({ ...fileColumns, sortValue: sortValue(newestFirst) })
    .from(file)
    .where(after(newestFirst, params.after))
    .orderBy(keysetOrder(newestFirst))
    .limit(params.limit + 1);

export const selectOne = (db: HttpDb, id: string) => db.select(fileColumns).from(file).where(eq(file.id, id));

export const selectMany = (db: HttpDb, ids: string[]) => db.select(fileColumns).from(file).where(inArray(file.id, ids));

export type FileRow = Awaited<ReturnType<typeof selectOne>>[number];

export const insertFile = (db: QueryBuilder, row: typeof file.$inferInsert) => db.insert(file).values(row).returning(fileColumns);

export async function lockFile(tx: Tx, id: string): Promise<FileRow | null> {
  const [row] = await tx.select(fileColumns).from(file).where(eq(file.id, id)).for('update');
  return (row as FileRow | undefined) ?? null;
}

export async function markUploaded(tx: Tx, id: string): Promise<FileRow | null> {
  const [row] = await tx
    .update(file)
    .set({ status: 'uploaded', uploadedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(file.id, id), eq(file.status, 'pending')))
    .returning(fileColumns);
  return (row as FileRow | undefined) ?? null;
}

/** Undoes a confirmation whose scan could not be queued. */
export async function markPendingAgain(tx: Tx, id: string) {
  await tx
    .update(file)
    .set({ status: 'pending', uploadedAt: null, updatedAt: new Date() })
    .where(and(eq(file.id, id), eq(file.status, 'uploaded')));
}

export async function markScanned(tx: Tx, id: string, verdict: { status: 'clean' | 'quarantined'; signature: string | null }) {
  await tx
    .update(file)
    .set({ status: verdict.status, scanSignature: verdict.signature, scannedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(file.id, id), eq(file.status, 'uploaded')));
}

/** The uploader's address and name, if they are still a member (the directory shows members only). */
export async function memberAddress(tx: Tx, userId: string) {
  const result = await tx.execute(sql`select email, name from app_private.workspace_directory() where user_id = ${userId}`);
  return (result.rows[0] as { email: string; name: string } | undefined) ?? null;
}

/** Pending rows from before the purge's cutoff, in any workspace (policy `file_pending_purge_read`). */
export const selectPendingDue = (db: HttpDb, limit: number) =>
  db.select({ id: file.id, objectKey: file.objectKey }).from(file).where(eq(file.status, 'pending')).orderBy(file.createdAt).limit(limit);

/** Deletes those of `ids` still pending and due (policy `file_pending_purge_delete`); returns the ids deleted. */
export const deletePendingDue = (db: HttpDb, ids: string[]) =>
  db
    .delete(file)
    .where(and(inArray(file.id, ids), eq(file.status, 'pending')))
    .returning({ id: file.id });

/** A person's files in the workspace in context, for their data export. */
export const selectUploadedBy = (tx: Tx, userId: string) =>
  tx.select(fileColumns).from(file).where(eq(file.uploadedBy, userId)).orderBy(file.createdAt);

/** The name and slug of the workspace in context (policy `workspace_current`). */
export async function currentWorkspace(tx: Tx) {
  const [row] = await tx
    .select({ name: workspace.name, slug: workspace.slug })
    .from(workspace)
    .where(sql`${workspace.id} = nullif(current_setting('app.workspace_id', true), '')::uuid`);
  return row ?? null;
}

/**
 * Bytes the workspace's files hold against its plan's storage (`limits.storageBytes`): every file not
 * quarantined, pending ones included, so an announced upload reserves its size. `excludingPending`
 * counts only files whose bytes have arrived (the check at confirmation). RLS scopes it to the workspace.
 */
export const storageInUse = (excludingPending = false) =>
  excludingPending
    ? sql<number>`(select coalesce(sum(${file.sizeBytes}), 0) from ${file} where ${file.status} not in ('pending', 'quarantined'))`
    : sql<number>`(select coalesce(sum(${file.sizeBytes}), 0) from ${file} where ${file.status} <> 'quarantined')`;

/** What the quota counts (every file not quarantined, pending reservations included), for the usage read. */
export const selectStorageUsed = (db: HttpDb) =>
  db
    .select({ used: sql<string>`coalesce(sum(${file.sizeBytes}), 0)` })
    .from(file)
    .where(ne(file.status, 'quarantined'));
