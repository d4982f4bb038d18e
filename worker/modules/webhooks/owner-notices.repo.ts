import { and, eq, isNull } from 'drizzle-orm';
import { membership, user, workspace } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';

/** The live owners of the workspace in context, with its name: who hears about its endpoints. */
export async function selectOwners(tx: Tx, workspaceId: string) {
  return tx
    .select({ email: user.email, name: user.name, workspaceName: workspace.name })
    .from(membership)
    .innerJoin(user, eq(user.id, membership.userId))
    .innerJoin(workspace, eq(workspace.id, membership.workspaceId))
    .where(and(eq(membership.workspaceId, workspaceId), eq(membership.role, 'owner'), isNull(user.deletedAt), isNull(workspace.deletedAt)))
    .orderBy(user.email);
}
