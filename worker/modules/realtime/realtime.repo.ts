import { sql } from 'drizzle-orm';
import type { HttpDb, QueryBuilder } from '../../db/gateway.ts';

/** How long a ticket or a heartbeat keeps the workspace's events flowing to its hub. */
export const INTEREST_SECONDS = 300;

/**
 * Holds the realtime consumer's interest in the request's workspace for `INTEREST_SECONDS` (an owner-run
 * function: the request role only reads `event_interest`), so its events are queued for the hub.
 */
export const holdInterest = (db: QueryBuilder) => db.execute(sql`select app_private.hold_realtime_interest(${INTEREST_SECONDS}::int)`);

/** Nothing to read: the round trip only resolves the credential and the workspace (a connection, presence). */
export const selectNothing = (http: HttpDb) => http.execute(sql`select 1 as ok`);
