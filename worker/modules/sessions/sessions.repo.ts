import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { HttpDb } from '../../db/client.ts';
import { session, tokenFamily } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';
import type { Position } from '../../kernel/cursor.ts';
import { after, type Keyset, keysetOrder, sortValue } from '../keyset.ts';

const live = () => and(isNull(session.revokedAt), gt(session.expiresAt, sql`now()`));
const liveFamily = () => and(isNull(tokenFamily.revokedAt), gt(tokenFamily.expiresAt, sql`now()`));

/** A browser session (cookie) or an app sign-in (token family of POST /auth/token). */
export type SignInKind = 'browser' | 'app';

const browserByUse: Keyset = { value: session.lastSeenAt, id: session.id, type: 'timestamptz', direction: 'desc' };
const appByUse: Keyset = {
  value: sql`coalesce(${tokenFamily.lastUsedAt}, ${tokenFamily.createdAt})`,
  id: tokenFamily.id,
  type: 'timestamptz',
  direction: 'desc',
};
/** The order of the union, by the names both halves give their columns. */
const signInsByUse: Keyset = { value: sql`last_seen_at`, id: sql`id`, type: 'timestamptz', direction: 'desc' };

/**
 * A page of live browser sessions and live app sign-ins in one list, most recently used first:
 * `limit + 1` rows after the position. RLS already limits both tables to the signed-in person. One
 * query, so the list stays one round trip. Both ids are UUIDv7 of one generator, so the id breaks
 * ties across the two tables too.
 */
export const selectActiveSignIns = (db: HttpDb, params: { after: Position | null; limit: number }) =>
  unionAll(
    db
      .select({
        kind: sql<SignInKind>`'browser'`.as('kind'),
        id: session.id,
        ip: session.ip,
        userAgent: session.userAgent,
        clientName: sql<string | null>`null::text`.as('client_name'),
        createdAt: session.createdAt,
        lastSeenAt: session.lastSeenAt,
        sortValue: sortValue(browserByUse).as('sort_value'),
      })
      .from(session)
      .where(and(live(), after(browserByUse, params.after))),
    db
      .select({
        kind: sql<SignInKind>`'app'`.as('kind'),
        id: tokenFamily.id,
        ip: tokenFamily.ip,
        userAgent: tokenFamily.userAgent,
        clientName: tokenFamily.clientName,
        createdAt: tokenFamily.createdAt,
        lastSeenAt: sql<Date>`coalesce(${tokenFamily.lastUsedAt}, ${tokenFamily.createdAt})`.as('last_seen_at'),
        sortValue: sortValue(appByUse).as('sort_value'),
      })
      .from(tokenFamily)
      .where(and(liveFamily(), after(appByUse, params.after))),
  )
    .orderBy(keysetOrder(signInsByUse))
    .limit(params.limit + 1);

/** Revokes one live session; null when there is none with this id among the person's own. */
export async function revokeSession(tx: Tx, id: string) {
  const rows = await tx
    .update(session)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(session.id, id), live()))
    .returning({ id: session.id });
  return rows[0] ?? null;
}

/** Revokes every live session of the person except `keepId`; returns the ids it revoked. */
export async function revokeSessionsExcept(tx: Tx, keepId: string) {
  return tx
    .update(session)
    .set({ revokedAt: sql`now()` })
    .where(and(ne(session.id, keepId), live()))
    .returning({ id: session.id });
}

/**
 * Revokes one live app sign-in: its refresh token stops refreshing and its access tokens stop at
 * once. Null when there is none with this id among the person's own.
 */
export async function revokeFamily(tx: Tx, id: string) {
  const rows = await tx
    .update(tokenFamily)
    .set({ revokedAt: sql`now()`, revokeReason: 'revoked_by_person' })
    .where(and(eq(tokenFamily.id, id), liveFamily()))
    .returning({ id: tokenFamily.id });
  return rows[0] ?? null;
}

/** Revokes every live app sign-in of the person; returns the ids it revoked. */
export async function revokeFamilies(tx: Tx) {
  return tx
    .update(tokenFamily)
    .set({ revokedAt: sql`now()`, revokeReason: 'revoked_by_person' })
    .where(liveFamily())
    .returning({ id: tokenFamily.id });
}
