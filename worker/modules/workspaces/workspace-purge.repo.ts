import { sql } from 'drizzle-orm';
import type { HttpDb, Tx } from '../../db/gateway.ts';

// `workspace` is FORCE RLS: these statements run as the owner role, and the
// `workspace_purge_due_*` policies admit only workspaces deleted before the cutoff the job
// declares in `app.purge_before` (`purgeContext`). No live workspace is reachable from here.
export const purgeContext = (cutoff: Date) => ({ role: 'owner', lookup: { purge_before: cutoff.toISOString() } }) as const;

export const selectPurgeDue = (q: HttpDb, cutoff: Date, limit: number) =>
  q.execute(
    sql`select id, slug, deleted_at from workspace where deleted_at < ${cutoff.toISOString()}::timestamptz order by deleted_at limit ${limit}`,
  );

export const toPurgeDue = (result: { rows: unknown[] }) =>
  (result.rows as Array<{ id: string; slug: string; deleted_at: string | Date }>).map((r) => ({
    id: r.id,
    slug: r.slug,
    deletedAt: new Date(r.deleted_at),
  }));

/**
 * Deletes the workspace row; every tenant table references it ON DELETE CASCADE, so its members,
 * keys, projects, audit entries and the rest go in the same statement. Null when it is gone already
 * or was restored meanwhile.
 */
export async function deleteWorkspaceRow(tx: Tx, id: string, cutoff: Date): Promise<boolean> {
  const deleted = await tx.execute(
    sql`delete from workspace where id = ${id} and deleted_at < ${cutoff.toISOString()}::timestamptz returning id`,
  );
  return deleted.rows.length > 0;
}
