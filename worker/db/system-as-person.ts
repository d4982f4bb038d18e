import { sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { type Principal, resolveIn, type Scope, type Tx, withSystem } from './tenant.ts';
import { inWorkspace } from './context.ts';

/**
 * Account-wide work that the request role may not do, such as erasing a person from every
 * workspace at once. The credential is resolved first (so only a live session gets here, and
 * `app.user_id` is set), then the transaction returns to the connection's own role. Forced RLS
 * still binds that role on tenant tables, so callers point `app.workspace_id` at each workspace
 * they touch (`enterWorkspace`), and audit what they did.
 */
export async function withSystemForPerson<T>(db: Database, principal: Principal, fn: (tx: Tx, scope: Scope) => Promise<T>): Promise<T> {
  return withSystem(db, async (tx) => {
    const scope = await resolveIn(tx, principal);
    await tx.execute(sql`reset role`);
    return fn(tx, scope);
  });
}

/** Points the transaction's tenant context at a workspace (null: none, for account-level rows). */
export async function enterWorkspace(tx: Tx, workspaceId: string | null): Promise<void> {
  await tx.execute(inWorkspace(workspaceId ?? ''));
}
