import { sql } from 'drizzle-orm';
import type { HttpDb } from '../../db/client.ts';

/** The cheapest statement the database must answer: one HTTP round trip, no table, no role switch. */
export const selectOne = (http: HttpDb) => http.execute(sql`select 1 as ok`);
