import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { HttpDb, QueryBuilder, Tx } from '../../db/gateway.ts';
import { auditLog, exportPurgeDue, job, membership, personalExport, user, workspace } from '../../db/schema.ts';

// The request and the job run as the request role with `app.user_id` set: RLS limits
// personal_export, job (a person's own job: `job_self`), user and membership to the person's own rows.

/** The export's artefact and its job (same id), which has its status and progress. */
export const exportColumns = {
  id: personalExport.id,
  objectKey: personalExport.objectKey,
  sizeBytes: personalExport.sizeBytes,
  createdAt: personalExport.createdAt,
  expiresAt: personalExport.expiresAt,
  expired: sql<boolean>`coalesce(${personalExport.expiresAt} <= now(), false)`,
  job,
};

export async function insertExport(tx: Tx, row: typeof personalExport.$inferInsert) {
  await tx.insert(personalExport).values(row);
}

const exportsWithJobs = (db: QueryBuilder) =>
  db.select(exportColumns).from(personalExport).innerJoin(job, eq(job.id, personalExport.id)).$dynamic();

export const selectExports = (db: HttpDb) => exportsWithJobs(db).orderBy(desc(personalExport.createdAt)).limit(20);

export const selectExport = (db: QueryBuilder, id: string) => exportsWithJobs(db).where(eq(personalExport.id, id));

export type ExportRow = Awaited<ReturnType<typeof selectExport>>[number];

/** For a signed download link, which carries no session: read as the owner role (the table's RLS is not forced). */
export const selectExportForDownload = (q: HttpDb, id: string) =>
  q
    .select({ userId: personalExport.userId, objectKey: personalExport.objectKey, expired: exportColumns.expired })
    .from(personalExport)
    .where(eq(personalExport.id, id));

/** Locks the export for the job that is about to run it. */
export async function lockExport(tx: Tx, id: string) {
  const [row] = await tx.select({ id: personalExport.id }).from(personalExport).where(eq(personalExport.id, id)).for('update');
  return row ?? null;
}

/** The archive is written: it is kept for `retentionDays`. */
export async function markWritten(tx: Tx, id: string, done: { objectKey: string; sizeBytes: number; retentionDays: number }) {
  await tx
    .update(personalExport)
    .set({
      objectKey: done.objectKey,
      sizeBytes: done.sizeBytes,
      expiresAt: sql`now() + make_interval(days => ${done.retentionDays}::int)`,
    })
    .where(eq(personalExport.id, id));
}

// The purge works across people. `personal_export` does not force RLS, so the owner role
// reaches every row; the due rule is the audit exports' (`exportPurgeDue`), against a cutoff
// declared in `app.purge_before` (`exportPurgeContext`).

/** Up to `limit` exports due for purge, oldest first. */
export const selectPurgeDueExports = (q: HttpDb, limit: number) =>
  q.execute(sql`select id, user_id, object_key from personal_export where ${exportPurgeDue} order by created_at limit ${limit}`);

/** Deletes those of `ids` that are still due. */
export const deletePurgeDueExports = (q: HttpDb, ids: string[]) =>
  q
    .delete(personalExport)
    .where(and(inArray(personalExport.id, ids), exportPurgeDue))
    .returning({ id: personalExport.id });

// What the archive gathers.

export async function selectProfile(tx: Tx, userId: string) {
  const [row] = await tx
    .select({ id: user.id, email: user.email, name: user.name, createdAt: user.createdAt, updatedAt: user.updatedAt })
    .from(user)
    .where(and(eq(user.id, userId), isNull(user.deletedAt)));
  return row ?? null;
}

export async function selectMemberships(tx: Tx, userId: string) {
  return tx
    .select({
      workspaceId: workspace.id,
      slug: workspace.slug,
      name: workspace.name,
      role: membership.role,
      joinedAt: membership.createdAt,
    })
    .from(membership)
    .innerJoin(workspace, and(eq(workspace.id, membership.workspaceId), isNull(workspace.deletedAt)))
    .where(eq(membership.userId, userId))
    .orderBy(workspace.name);
}

const auditColumns = {
  id: auditLog.id,
  workspaceId: auditLog.workspaceId,
  action: auditLog.action,
  targetType: auditLog.targetType,
  targetId: auditLog.targetId,
  ip: auditLog.ip,
  userAgent: auditLog.userAgent,
  metadata: auditLog.metadata,
  createdAt: auditLog.createdAt,
};

/**
 * Entries the person made, either account entries (`workspaceId` null) or those of one of their
 * workspaces (which must be the one in context: RLS shows no other). Both kinds are visible inside
 * a workspace, hence the explicit filter.
 */
export async function selectAuditEntriesBy(tx: Tx, userId: string, workspaceId: string | null) {
  return tx
    .select(auditColumns)
    .from(auditLog)
    .where(
      and(
        eq(auditLog.actorType, 'user'),
        eq(auditLog.actorId, userId),
        workspaceId ? eq(auditLog.workspaceId, workspaceId) : isNull(auditLog.workspaceId),
      ),
    )
    .orderBy(auditLog.createdAt, auditLog.id);
}
