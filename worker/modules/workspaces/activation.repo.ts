import { and, eq, isNull, sql } from 'drizzle-orm';
import type { QueryBuilder } from '../../db/client.ts';
import { project, workspace } from '../../db/schema.ts';

/**
 * Marks the transaction's workspace activated when it holds at least `goal` live projects and has
 * no activation yet. One statement, so a concurrent or repeated run cannot set it twice; it returns
 * the row only when this run set it. Demo workspaces never activate.
 */
export const activateWhenProjectsReach = (db: QueryBuilder, workspaceId: string, goal: number) =>
  db
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
