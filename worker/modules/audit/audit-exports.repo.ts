import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { HttpDb, QueryBuilder, Tx } from '../../db/gateway.ts';
import { auditLog, job } from '../../db/schema.ts';
import { auditExport } from './audit.tables.ts';

// No workspace filter anywhere: RLS scopes every row to the transaction's workspace.

/** The export's artefact and, from its job (same id), its status. */
export const exportColumns = {
  id: auditExport.id,
  status: job.status,
  objectKey: auditExport.objectKey,
  rowCount: auditExport.rowCount,
  createdAt: auditExport.createdAt,
  finishedAt: job.finishedAt,
  expiresAt: auditExport.expiresAt,
  expired: sql<boolean>`coalesce(${auditExport.expiresAt} <= now(), false)`,
};

export async function insertExport(tx: Tx, row: typeof auditExport.$inferInsert) {
  await tx.insert(auditExport).values(row);
}

export const selectExport = (db: QueryBuilder, id: string) =>
  db.select(exportColumns).from(auditExport).innerJoin(job, eq(job.id, auditExport.id)).where(eq(auditExport.id, id));

export type ExportRow = Awaited<ReturnType<typeof selectExport>>[number];

/** Locks the export for the job that is about to run it; `until` is the last instant it covers. */
export async function lockExport(tx: Tx, id: string) {
  const [row] = await tx
    .select({ until: sql<string>`${auditExport.createdAt}::text` })
    .from(auditExport)
    .where(eq(auditExport.id, id))
    .for('update');
  return row ?? null;
}

/**
 * The file is written: it stays downloadable for `retentionDays`. Called under the job's lock by the
 * run that ends it `succeeded`; a run that finds it succeeded writes nothing, so this happens once.
 */
export async function markWritten(tx: Tx, id: string, done: { objectKey: string; rowCount: number; retentionDays: number }) {
  const [row] = await tx
    .update(auditExport)
    .set({
      objectKey: done.objectKey,
      rowCount: done.rowCount,
      expiresAt: sql`now() + make_interval(days => ${done.retentionDays}::int)`,
    })
    .where(eq(auditExport.id, id))
    .returning({ id: auditExport.id, requestedBy: auditExport.requestedBy });
  return row ?? null;
}

/** How many entries an export up to `until` writes: its job's total. */
export async function countEntries(tx: Tx, until: string) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(sql`${auditLog.createdAt} <= ${until}::timestamptz`);
  return row?.n ?? 0;
}

/** Keyset position in the log: `created_at` as Postgres prints it (microseconds intact) and the id. */
export interface EntryPosition {
  createdAt: string;
  id: string;
}

/** One page of the workspace's audit log, oldest first, up to and including `until`. */
export function selectEntriesPage(db: HttpDb, params: { until: string; after: EntryPosition | null; limit: number }) {
  const filters = [sql`${auditLog.createdAt} <= ${params.until}::timestamptz`];
  if (params.after) {
    filters.push(sql`(${auditLog.createdAt}, ${auditLog.id}) > (${params.after.createdAt}::timestamptz, ${params.after.id}::uuid)`);
  }
  return db
    .select({
      id: auditLog.id,
      actorType: auditLog.actorType,
      actorId: auditLog.actorId,
      // "Deleted user" for an erased person; a member's name; otherwise null (migration 0009).
      actorName: sql<string | null>`audit_actor_name(${auditLog.actorType}, ${auditLog.actorId})`,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      ip: auditLog.ip,
      userAgent: auditLog.userAgent,
      requestId: auditLog.requestId,
      metadata: auditLog.metadata,
      createdAt: auditLog.createdAt,
      position: sql<string>`${auditLog.createdAt}::text`,
    })
    .from(auditLog)
    .where(and(...filters))
    .orderBy(asc(auditLog.createdAt), asc(auditLog.id))
    .limit(params.limit);
}

export const selectAllExportIds = (db: HttpDb) => db.select({ id: auditExport.id }).from(auditExport);

// The purge works across workspaces. `audit_export` is FORCE RLS, so it runs as the request role
// (which can never bypass RLS) with no workspace set and a cutoff declared in `app.purge_before`
// (`exportPurgeContext`): the `audit_export_purge_due_*` policies alone then admit the exports due
// for purge, no others.

/** Up to `limit` exports due for purge, oldest first. */
export const selectPurgeDueExports = (q: HttpDb, limit: number) =>
  q.execute(sql`select id, workspace_id, object_key from audit_export order by created_at limit ${limit}`);

/** Deletes those of `ids` that are still due. */
export const deletePurgeDueExports = (q: HttpDb, ids: string[]) =>
  q.delete(auditExport).where(inArray(auditExport.id, ids)).returning({ id: auditExport.id });
