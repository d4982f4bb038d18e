import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { HttpDb } from '../../db/client.ts';
import { currentWorkspaceId, membership, workspace } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';

/**
 * The workspace in context and its first-run checklist, each item's condition contributed by a
 * module (`onboarding` in its manifest) and the activation progress if a module has one; one query.
 * A condition must name the workspace in context: `membership_own_read`, for one, would otherwise
 * add the person's own memberships elsewhere.
 */
export const selectOnboardingState = (db: HttpDb, items: ReadonlyArray<SQL<boolean>>, progress: SQL<number> | null) =>
  db
    .select({
      id: workspace.id,
      isDemo: workspace.isDemo,
      activatedAt: workspace.activatedAt,
      done: items.length ? sql<boolean[]>`array[${sql.join([...items], sql`, `)}]::boolean[]` : sql<boolean[]>`array[]::boolean[]`,
      progress: progress ? sql<number>`(${progress})::int` : sql<number>`0`,
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
