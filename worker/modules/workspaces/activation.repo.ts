import { sql } from 'drizzle-orm';
import type { QueryBuilder } from '../../db/client.ts';
import { project, workspace } from '../../db/schema.ts';

/**
 * Marks the transaction's workspace activated when it holds at least `goal` live projects and has
 * no activation yet. One statement, so a concurrent or repeated run cannot set it twice; it returns
 * the row only when this run set it. Demo workspaces never activate. Written as one SQL text rather
 * than a query builder: it rides along every project creation, and building it is then the cost.
 */
export const activateWhenProjectsReach = (db: QueryBuilder, workspaceId: string, goal: number) =>
  db.execute<{ id: string; activated_at: string }>(sql`
    update ${workspace} set activated_at = now()
     where ${workspace.id} = ${workspaceId} and ${workspace.activatedAt} is null and not ${workspace.isDemo}
       and (select count(*) from ${project} p where p.workspace_id = ${workspaceId} and p.deleted_at is null) >= ${goal}
    returning ${workspace.id}, ${workspace.activatedAt}`);
