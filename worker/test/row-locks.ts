import type { call } from './client.ts';
import { inspectSql, ownerPool } from './db.ts';
import { setContextText } from '../db/context.ts';

// For races between requests, which only a real PostgreSQL server can show.

/** Embedded PGlite has one session that every transaction borrows in turn, so nothing there ever waits on a row lock. */
export async function onEmbeddedPostgres() {
  const [row] = (await inspectSql()`select version() as version`) as Array<{ version: string }>;
  return (row?.version ?? '').includes('PGlite');
}

/** Why a race test does not run on PGlite; CI runs it again on a PostgreSQL server. */
export const embeddedPostgresSkip = 'row-lock races need a PostgreSQL server (TEST_DATABASE_URL); PGlite runs one transaction at a time';

/** Waits until `count` transactions of this database wait for a lock. */
async function untilWaitingOnLocks(count: number) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [row] = (await inspectSql()`
      select count(*)::int as n from pg_stat_activity
       where datname = current_database() and wait_event_type = 'Lock'`) as Array<{ n: number }>;
    if ((row?.n ?? 0) >= count) return;
    if (Date.now() > deadline) throw new Error(`expected ${count} transactions waiting on a lock, saw ${row?.n}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

type Response = Awaited<ReturnType<typeof call>>;

/**
 * Sends `first`, then `second`, while another transaction holds the workspace's owner rows, and lets
 * go once both wait for them: their transactions overlap for certain, `first` ahead of `second`.
 */
export async function overlapping(workspaceId: string, first: () => Promise<Response>, second: () => Promise<Response>) {
  const pool = ownerPool();
  const holder = await pool.connect();
  try {
    await holder.query('begin');
    await holder.query(setContextText('workspace_id'), [workspaceId]);
    await holder.query(`select id from membership where workspace_id = $1 and role = 'owner' for update`, [workspaceId]);
    const firstDone = first();
    await untilWaitingOnLocks(1);
    const secondDone = second();
    await untilWaitingOnLocks(2);
    await holder.query('commit');
    return await Promise.all([firstDone, secondDone]);
  } finally {
    holder.release();
    await pool.end();
  }
}
