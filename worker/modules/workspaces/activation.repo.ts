import { type SQL, sql } from 'drizzle-orm';
import type { QueryBuilder } from '../../db/client.ts';
import { workspace } from '../../db/schema.ts';

/**
 * Marks the workspace activated when `reached` holds and it has no activation yet. One statement,
 * so a concurrent or repeated run cannot set it twice; it returns the row only when this run set it.
 * Written as one SQL text rather than a query builder: it rides along every publishing write, and
 * building it is then the cost.
 */
export const activateWhen = (db: QueryBuilder, workspaceId: string, reached: SQL) =>
  db.execute<{ id: string; activated_at: string }>(sql`
    update ${workspace} set activated_at = now()
     where ${workspace.id} = ${workspaceId} and ${workspace.activatedAt} is null and not ${workspace.isDemo}
       and (${reached})
    returning ${workspace.id}, ${workspace.activatedAt}`);
