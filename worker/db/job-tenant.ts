import type { Database, HttpDb } from './client.ts';
import { switchToRequestRole, type Tx } from './tenant.ts';
import { inWorkspace } from './context.ts';

type Runnable = Parameters<HttpDb['batch']>[0][number];

/**
 * For background jobs that act in one workspace without a request: the same transaction-local
 * context and non-owner role as a request (`tenant.ts`), but the workspace comes from the job's
 * payload instead of a credential. RLS then scopes every row, so a payload naming another
 * workspace's rows reaches nothing.
 */
export async function withJobWorkspace<T>(db: Database, workspaceId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.pool.transaction(async (tx) => {
    await tx.execute(inWorkspace(workspaceId));
    await tx.execute(switchToRequestRole);
    return fn(tx);
  });
}

/** One read in one workspace as the request role: one HTTP round trip, like `tenantRead`. */
export async function readInJobWorkspace<Q extends Runnable>(
  db: Database,
  workspaceId: string,
  query: (http: HttpDb) => Q,
): Promise<Awaited<Q>> {
  const [, , result] = await db.http.batch([
    db.http.execute(inWorkspace(workspaceId)),
    db.http.execute(switchToRequestRole),
    query(db.http),
  ] as const);
  return result as Awaited<Q>;
}
