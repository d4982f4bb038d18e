import { and, eq, isNull, sql } from 'drizzle-orm';
import { project, workspace } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';

/**
 * Marks the transaction's workspace activated when it holds at least `goal` live projects and has
 * no activation yet. One statement, so a concurrent or repeated call cannot set it twice; returns
 * the row only when this call set it. Demo workspaces never activate.
 */
export async function activateWhenProjectsReach(tx: Tx, workspaceId: string, goal: number) {
  const rows = await tx
    .update(workspace)
    .set({ activatedAt: sql`now()` })
    .where(
      and(
        eq(workspace.id, workspaceId),
        isNull(workspace.activatedAt),
        eq(workspace.isDemo, false),
        sql`(select count(*) from ${project} p where p.workspace_id = ${workspaceId} and p.deleted_at is null) >= ${goal}`,
      ),
    )
    .returning({ id: workspace.id, activatedAt: workspace.activatedAt });
  return rows[0] ?? null;
}
