import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { HttpDb } from '../../db/client.ts';
import { session } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';

const live = () => and(isNull(session.revokedAt), gt(session.expiresAt, sql`now()`));

/** Live sessions, most recently used first; RLS already limits rows to the signed-in person. */
export const selectActiveSessions = (db: HttpDb) =>
  db
    .select({
      id: session.id,
      ip: session.ip,
      userAgent: session.userAgent,
      createdAt: session.createdAt,
      lastSeenAt: session.lastSeenAt,
    })
    .from(session)
    .where(live())
    .orderBy(desc(session.lastSeenAt), desc(session.createdAt));

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
