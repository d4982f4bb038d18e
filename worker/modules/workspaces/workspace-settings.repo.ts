import { and, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import type { HttpDb } from '../../db/client.ts';
import { currentWorkspaceId, workspace, workspaceSlugAlias } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';

const columns = {
  id: workspace.id,
  slug: workspace.slug,
  name: workspace.name,
  logoFileId: workspace.logoFileId,
  suspendedAt: workspace.suspendedAt,
  deletedAt: workspace.deletedAt,
  createdAt: workspace.createdAt,
  updatedAt: workspace.updatedAt,
};

// A member may read every workspace they belong to (workspace_member_read), so the request's own
// workspace is named explicitly: it is the one the credential check resolved.
const isCurrent = eq(workspace.id, currentWorkspaceId);

export const selectCurrentWorkspace = (db: HttpDb) => db.select(columns).from(workspace).where(isCurrent);

export type WorkspaceRow = Awaited<ReturnType<typeof selectCurrentWorkspace>>[number];

export async function updateWorkspace(tx: Tx, patch: Partial<Pick<typeof workspace.$inferInsert, 'name' | 'slug' | 'logoFileId'>>) {
  const [row] = await tx
    .update(workspace)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(isCurrent, isNull(workspace.deletedAt)))
    .returning(columns);
  return row;
}

/** Keeps a former slug reaching the workspace; a slug it takes back stops being an alias. */
export async function rememberSlug(tx: Tx, workspaceId: string, slug: string) {
  await tx.insert(workspaceSlugAlias).values({ workspaceId, slug }).onConflictDoNothing();
}

export async function forgetSlug(tx: Tx, workspaceId: string, slug: string) {
  await tx.delete(workspaceSlugAlias).where(and(eq(workspaceSlugAlias.workspaceId, workspaceId), eq(workspaceSlugAlias.slug, slug)));
}

export async function markDeleted(tx: Tx) {
  const [row] = await tx
    .update(workspace)
    .set({ deletedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(isCurrent, isNull(workspace.deletedAt)))
    .returning(columns);
  return row;
}

/** Clears the deletion while the grace period lasts (the database's clock decides); null after it. */
export async function restoreDeleted(tx: Tx, graceDays: number, slug: string) {
  const [row] = await tx
    .update(workspace)
    .set({ deletedAt: null, slug, updatedAt: sql`now()` })
    .where(and(isCurrent, isNotNull(workspace.deletedAt), gt(workspace.deletedAt, sql`now() - make_interval(days => ${graceDays}::int)`)))
    .returning(columns);
  return row;
}
