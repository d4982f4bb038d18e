import { and, desc, eq, isNull } from 'drizzle-orm';
import type { HttpDb } from '../../db/client.ts';
import { apiKey } from './api-keys.tables.ts';
import type { Tx } from '../../db/tenant.ts';

export async function insertApiKey(tx: Tx, row: typeof apiKey.$inferInsert) {
  const [created] = await tx.insert(apiKey).values(row).returning();
  return created;
}

/** Active keys; RLS already limits rows to the current workspace. */
export const selectActiveKeys = (db: HttpDb) =>
  db.select().from(apiKey).where(isNull(apiKey.revokedAt)).orderBy(desc(apiKey.createdAt));

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
