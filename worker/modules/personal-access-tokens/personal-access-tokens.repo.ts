import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { HttpDb, QueryBuilder } from '../../db/client.ts';
import { personalAccessToken } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';
import type { Position } from '../../kernel/cursor.ts';
import { after, type Keyset, keysetOrder, sortValue } from '../keyset.ts';

const live = () => and(isNull(personalAccessToken.revokedAt), gt(personalAccessToken.expiresAt, sql`now()`));

export async function insertToken(tx: Tx, row: typeof personalAccessToken.$inferInsert) {
  const [created] = await tx.insert(personalAccessToken).values(row).returning();
  return created;
}

const newestFirst: Keyset = { value: personalAccessToken.createdAt, id: personalAccessToken.id, type: 'timestamptz', direction: 'desc' };

/**
 * One page of the person's live tokens, newest first: `limit + 1` rows after the position. RLS
 * already limits rows to the signed-in person.
 */
export const selectLiveTokenPage = (db: HttpDb, params: { after: Position | null; limit: number }) =>
  db
    .select({ token: personalAccessToken, sortValue: sortValue(newestFirst) })
    .from(personalAccessToken)
    .where(and(live(), after(newestFirst, params.after)))
    .orderBy(keysetOrder(newestFirst))
    .limit(params.limit + 1);

/** Revokes one of the person's live tokens; null when there is none with this id among them. */
export async function revokeToken(tx: Tx, id: string) {
  const rows = await tx
    .update(personalAccessToken)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(personalAccessToken.id, id), live()))
    .returning({ id: personalAccessToken.id });
  return rows[0] ?? null;
}

/** Revokes every live token of the person, as a statement for the caller's transaction. */
export const revokeTokensOf = (db: QueryBuilder, userId: string) =>
  db
    .update(personalAccessToken)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(personalAccessToken.userId, userId), live()))
    .returning({ id: personalAccessToken.id });
