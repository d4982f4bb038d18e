import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import type { Tx } from '../../db/tenant.ts';
import { setContext } from '../../db/context.ts';

// `workspace` is FORCE RLS: these statements run as the owner connection, and the
// `workspace_purge_due_*` policies admit only workspaces deleted before the cutoff the transaction
// declares in `app.purge_before`. No live workspace is reachable from here.
const declareCutoff = (cutoff: Date) => setContext('purge_before', cutoff.toISOString());

export async function selectPurgeDue(db: Database, cutoff: Date, limit: number) {
  const [, due] = await db.http.batch([
    db.http.execute(declareCutoff(cutoff)),
    db.http.execute(
      sql`select id, slug, deleted_at from workspace where deleted_at < ${cutoff.toISOString()}::timestamptz order by deleted_at limit ${limit}`,
    ),
  ] as const);
  return (due.rows as Array<{ id: string; slug: string; deleted_at: string | Date }>).map((r) => ({
    id: r.id,
    slug: r.slug,
    deletedAt: new Date(r.deleted_at),
  }));
}

/**
 * Deletes the workspace row; every tenant table references it ON DELETE CASCADE, so its members,
 * keys, projects, audit entries and the rest go in the same statement. Null when it is gone already
 * or was restored meanwhile.
 */
export async function deleteWorkspaceRow(tx: Tx, id: string, cutoff: Date): Promise<boolean> {
  await tx.execute(declareCutoff(cutoff));
  const deleted = await tx.execute(
    sql`delete from workspace where id = ${id} and deleted_at < ${cutoff.toISOString()}::timestamptz returning id`,
  );
  return deleted.rows.length > 0;
}
