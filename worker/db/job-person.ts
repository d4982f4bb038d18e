import type { Database } from './client.ts';
import { switchToRequestRole, type Tx } from './tenant.ts';
import { asPerson, inWorkspace } from './context.ts';

/**
 * For background jobs that act for one person without a request (their data export): the request
 * role with `app.user_id` set from the job's payload, so RLS shows the job exactly what that person
 * may see. A step that reads inside one of their workspaces points `app.workspace_id` at it.
 */
export async function withJobPerson<T>(db: Database, userId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.pool.transaction(async (tx) => {
    await tx.execute(asPerson(userId));
    await tx.execute(switchToRequestRole);
    return fn(tx);
  });
}

/** Points the transaction's tenant context at a workspace. */
export async function enterPersonWorkspace(tx: Tx, workspaceId: string): Promise<void> {
  await tx.execute(inWorkspace(workspaceId));
}
