import { and, eq, isNull, sql } from 'drizzle-orm';
import type { HttpDb } from '../../db/client.ts';
import { membership, workspace } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';

export async function insertWorkspace(tx: Tx, row: typeof workspace.$inferInsert) {
  const [created] = await tx.insert(workspace).values(row).returning();
  return created;
}

export async function insertMembership(tx: Tx, row: typeof membership.$inferInsert) {
  await tx.insert(membership).values(row);
}

export const selectMyWorkspaces = (db: HttpDb) =>
  db
    .select({
      id: workspace.id,
      slug: workspace.slug,
      name: workspace.name,
      createdAt: workspace.createdAt,
      role: membership.role,
    })
    .from(membership)
    .innerJoin(workspace, and(eq(workspace.id, membership.workspaceId), isNull(workspace.deletedAt)))
    .where(sql`${membership.userId} = nullif(current_setting('app.user_id', true), '')::uuid`)
    .orderBy(workspace.name);
