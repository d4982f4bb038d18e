import { and, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { HttpDb, Tx } from '../../db/gateway.ts';
import { auditLog, exportPurgeDue, membership, personalExport, user, workspace } from '../../db/schema.ts';

// The request and the job run as the request role with `app.user_id` set: RLS limits
// personal_export, user and membership to the person's own rows.

export const exportColumns = {
  id: personalExport.id,
  status: personalExport.status,
  progress: personalExport.progress,
  objectKey: personalExport.objectKey,
  sizeBytes: personalExport.sizeBytes,
  createdAt: personalExport.createdAt,
  finishedAt: personalExport.finishedAt,
  expiresAt: personalExport.expiresAt,
  expired: sql<boolean>`coalesce(${personalExport.expiresAt} <= now(), false)`,
};

export async function insertExport(tx: Tx, row: typeof personalExport.$inferInsert) {
  const [created] = await tx.insert(personalExport).values(row).returning(exportColumns);
  return created;
}

/** Holds the person's export requests one after another until the transaction ends. */
export async function lockExportRequests(tx: Tx, userId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`personal-export:${userId}`}, 0))`);
}

/** The person's export still pending or running, unless it is older than `staleAfterSeconds`. */
export async function selectRunningExport(tx: Tx, staleAfterSeconds: number) {
  const [row] = await tx
    .select(exportColumns)
    .from(personalExport)
    .where(
      and(
        inArray(personalExport.status, ['pending', 'running']),
        sql`${personalExport.createdAt} > now() - make_interval(secs => ${staleAfterSeconds})`,
      ),
    )
    .orderBy(desc(personalExport.createdAt))
    .limit(1);
  return row ?? null;
}

/** For each export requested in the last `windowSeconds`, oldest first: seconds until it leaves the window. */
export async function selectSecondsLeftInWindow(tx: Tx, windowSeconds: number): Promise<number[]> {
  const rows = await tx
    .select({
      secondsLeft: sql<string>`extract(epoch from ${personalExport.createdAt} + make_interval(secs => ${windowSeconds}) - now())`,
    })
    .from(personalExport)
    .where(sql`${personalExport.createdAt} > now() - make_interval(secs => ${windowSeconds})`)
    .orderBy(personalExport.createdAt);
  return rows.map((row) => Number(row.secondsLeft));
}

export const selectExports = (db: HttpDb) =>
  db.select(exportColumns).from(personalExport).orderBy(desc(personalExport.createdAt)).limit(20);

export const selectExport = (db: HttpDb, id: string) => db.select(exportColumns).from(personalExport).where(eq(personalExport.id, id));

/** For a signed download link, which carries no session: read as the owner role (the table's RLS is not forced). */
export const selectExportForDownload = (q: HttpDb, id: string) =>
  q
    .select({ ...exportColumns, userId: personalExport.userId })
    .from(personalExport)
    .where(eq(personalExport.id, id));

export async function lockExport(tx: Tx, id: string) {
  const [row] = await tx.select({ status: personalExport.status }).from(personalExport).where(eq(personalExport.id, id)).for('update');
  return row ?? null;
}

export async function markRunning(tx: Tx, id: string) {
  await tx.update(personalExport).set({ status: 'running', progress: 0, error: null, finishedAt: null }).where(eq(personalExport.id, id));
}

export async function setProgress(tx: Tx, id: string, progress: number) {
  await tx
    .update(personalExport)
    .set({ progress })
    .where(and(eq(personalExport.id, id), ne(personalExport.status, 'done')));
}

export async function markDone(tx: Tx, id: string, done: { objectKey: string; sizeBytes: number; retentionDays: number }) {
  await tx
    .update(personalExport)
    .set({
      status: 'done',
      progress: 100,
      objectKey: done.objectKey,
      sizeBytes: done.sizeBytes,
      error: null,
      finishedAt: sql`now()`,
      expiresAt: sql`now() + make_interval(days => ${done.retentionDays}::int)`,
    })
    .where(and(eq(personalExport.id, id), ne(personalExport.status, 'done')));
}

export async function markFailed(tx: Tx, id: string, error: string) {
  await tx
    .update(personalExport)
    .set({ status: 'failed', error, finishedAt: sql`now()` })
    .where(and(eq(personalExport.id, id), ne(personalExport.status, 'done')));
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
