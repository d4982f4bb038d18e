import { sql } from 'drizzle-orm';
import type { Database } from '../worker/db/client.ts';
import { switchToRequestRole } from '../worker/db/tenant.ts';

/**
 * Deletes every expired idempotency key, across all workspaces, in one HTTP round trip.
 *
 * `idempotency_key` is FORCE RLS, so on Neon even the owner connection sees no row without a
 * workspace context, and a `WHERE expires_at < now()` reads columns, which needs a SELECT policy as
 * well as the DELETE one. The statement therefore runs as the request role, which can never bypass
 * RLS (the catalog test holds it to that), and carries no WHERE: the `idempotency_key_purge_expired`
 * policy alone admits the rows, and with no workspace set it admits expired rows only.
 */
export async function purgeExpiredIdempotencyKeys(db: Database): Promise<number> {
  const [, deleted] = await db.http.batch([
    db.http.execute(switchToRequestRole),
    db.http.execute(sql`delete from idempotency_key`),
  ] as const);
  return deleted.rowCount ?? 0;
}

/**
 * Deletes sessions that expired or were revoked more than `retentionDays` ago. `session` has RLS
 * enabled but not forced, so the owner connection reaches every row. Running it twice deletes
 * nothing the second time.
 */
export async function purgeStaleSessions(db: Database, retentionDays: number): Promise<number> {
  const cutoff = sql`now() - make_interval(days => ${retentionDays}::int)`;
  const result = await db.http.execute(
    sql`delete from session where expires_at < ${cutoff} or revoked_at < ${cutoff}`,
  );
  return result.rowCount ?? 0;
}
