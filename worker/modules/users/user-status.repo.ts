import { and, eq, isNull, sql } from 'drizzle-orm';
import { session, tokenFamily, user } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';

/** Ends every live session and token family of a person (disabling the account). */
export async function revokeEverySignIn(tx: Tx, userId: string, reason: string) {
  const sessions = await tx
    .update(session)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(session.userId, userId), isNull(session.revokedAt)))
    .returning({ id: session.id });
  const families = await tx
    .update(tokenFamily)
    .set({ revokedAt: sql`now()`, revokeReason: reason })
    .where(and(eq(tokenFamily.userId, userId), isNull(tokenFamily.revokedAt)))
    .returning({ id: tokenFamily.id });
  return { sessions: sessions.length, tokenFamilies: families.length };
}

/** Sets or clears `disabled_at`; returns the user when the state changed. */
export async function setDisabled(tx: Tx, userId: string, disabled: boolean) {
  const rows = await tx
    .update(user)
    .set({ disabledAt: disabled ? sql`now()` : null, updatedAt: sql`now()` })
    .where(and(eq(user.id, userId), isNull(user.deletedAt), disabled ? isNull(user.disabledAt) : sql`${user.disabledAt} is not null`))
    .returning({ id: user.id });
  return rows[0] ?? null;
}
