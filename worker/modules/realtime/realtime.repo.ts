import { sql } from 'drizzle-orm';
import type { HttpDb } from '../../db/gateway.ts';

/** Nothing to read: the round trip only resolves the credential and the workspace (a ticket, a connection). */
export const selectNothing = (http: HttpDb) => http.execute(sql`select 1 as ok`);
