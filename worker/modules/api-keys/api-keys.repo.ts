import { and, eq, isNull, sql } from 'drizzle-orm';
import type { HttpDb } from '../../db/client.ts';
import { currentWorkspaceId } from '../../db/schema.ts';
import { apiKey } from './api-keys.tables.ts';
import type { Tx } from '../../db/tenant.ts';
import type { Position } from '../../kernel/cursor.ts';
import { after, type Keyset, keysetOrder, sortValue } from '../keyset.ts';

export async function insertApiKey(tx: Tx, row: typeof apiKey.$inferInsert) {
  const [created] = await tx.insert(apiKey).values(row).returning();
  return created;
}

export interface KeyRow {
  id: string;
  name: string;
  prefix: string;
  role: string;
  created_by: string;
  /** The maker's name while they are a member of the workspace; null once they are not (the key is dormant). */
  maker_name: string | null;
  created_at: string | Date;
  last_used_at: string | Date | null;
  sort_value: string;
}

export const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/**
 * Keys with their maker as the workspace's directory knows them (current members only). The
 * explicit workspace filter keeps the lookup-by-hash policy out of it.
 */
const keysQuery = (where: ReturnType<typeof sql>) => sql`
  select k.id, k.name, k.prefix, k.role, k.created_by, d.name as maker_name, k.created_at, k.last_used_at,
         ${sortValue(newestFirst)} as sort_value
    from api_key k
    left join app_private.workspace_directory() d on d.user_id = k.created_by
   where k.workspace_id = ${currentWorkspaceId} and k.revoked_at is null and ${where}
   order by ${keysetOrder(newestFirst)}`;

const newestFirst: Keyset = { value: sql`k.created_at`, id: sql`k.id`, type: 'timestamptz', direction: 'desc' };

/** One page of the current workspace's active keys, newest first: `limit + 1` rows after the position. */
export const selectActiveKeyPage = (db: HttpDb, params: { after: Position | null; limit: number }) =>
  db.execute(sql`${keysQuery(after(newestFirst, params.after))} limit ${params.limit + 1}`);

/** One active key of the current workspace with its maker, locked until the transaction ends. */
export async function lockActiveKey(tx: Tx, id: string): Promise<KeyRow | null> {
  const [row] = rowsOf<KeyRow>(await tx.execute(sql`${keysQuery(sql`k.id = ${id}`)} for update of k`));
  return row ?? null;
}

export async function setMaker(tx: Tx, id: string, userId: string) {
  await tx.update(apiKey).set({ createdBy: userId }).where(eq(apiKey.id, id));
}

export async function revokeKey(tx: Tx, id: string) {
  const rows = await tx
    .update(apiKey)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKey.id, id), isNull(apiKey.revokedAt)))
    .returning({ id: apiKey.id });
  return rows[0] ?? null;
}

/** API keys the person created in the current workspace (account erasure). */
export async function deleteApiKeysCreatedBy(tx: Tx, userId: string) {
  const rows = await tx.delete(apiKey).where(eq(apiKey.createdBy, userId)).returning({ id: apiKey.id });
  return rows.length;
}
