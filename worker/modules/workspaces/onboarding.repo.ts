import { and, eq, isNull, sql } from 'drizzle-orm';
import type { HttpDb } from '../../db/client.ts';
import { apiKey, membership, project, workspace } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';

/** The workspace in context and the counts its first-run checklist is made of; one query. */
export const selectOnboardingState = (db: HttpDb) =>
  db
    .select({
      id: workspace.id,
      isDemo: workspace.isDemo,
      activatedAt: workspace.activatedAt,
      liveProjects: sql<number>`(select count(*)::int from ${project} where ${project.workspaceId} = ${workspace.id} and ${project.deletedAt} is null)`,
      members: sql<number>`(select count(*)::int from ${membership} where ${membership.workspaceId} = ${workspace.id})`,
      apiKeys: sql<number>`(select count(*)::int from ${apiKey} where ${apiKey.workspaceId} = ${workspace.id})`,
    })
    .from(workspace)
    .where(sql`${workspace.id} = nullif(current_setting('app.workspace_id', true), '')::uuid`);

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
