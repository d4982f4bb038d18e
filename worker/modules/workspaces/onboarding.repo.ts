import { and, eq, isNull, sql } from 'drizzle-orm';
import type { HttpDb } from '../../db/client.ts';
import { apiKey, currentWorkspaceId, membership, project, workspace } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';

/**
 * The workspace in context and the counts its first-run checklist is made of; one query. Each
 * count names the workspace in context: `membership_own_read` would otherwise add the person's own
 * memberships elsewhere.
 */
export const selectOnboardingState = (db: HttpDb) =>
  db
    .select({
      id: workspace.id,
      isDemo: workspace.isDemo,
      activatedAt: workspace.activatedAt,
      liveProjects: sql<number>`(select count(*)::int from ${project} p where p.workspace_id = ${currentWorkspaceId} and p.deleted_at is null)`,
      members: sql<number>`(select count(*)::int from ${membership} m where m.workspace_id = ${currentWorkspaceId})`,
      apiKeys: sql<number>`(select count(*)::int from ${apiKey} k where k.workspace_id = ${currentWorkspaceId})`,
    })
    .from(workspace)
    .where(sql`${workspace.id} = ${currentWorkspaceId}`);

/** The live demo workspace the signed-in person owns, if any. */
export async function findOwnDemoWorkspace(tx: Tx, userId: string) {
  const [row] = await tx
    .select({ id: workspace.id, slug: workspace.slug, name: workspace.name, createdAt: workspace.createdAt })
    .from(membership)
    .innerJoin(workspace, and(eq(workspace.id, membership.workspaceId), isNull(workspace.deletedAt), eq(workspace.isDemo, true)))
    .where(and(eq(membership.userId, userId), eq(membership.role, 'owner')))
    .limit(1);
  return row ?? null;
}

export async function insertSampleProjects(tx: Tx, rows: Array<typeof project.$inferInsert>) {
  await tx.insert(project).values(rows);
}
