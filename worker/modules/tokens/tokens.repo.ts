import { and, eq, isNull, sql } from 'drizzle-orm';
import { refreshToken, tokenFamily, user } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';

/** A new family; signing in is its first use. */
export async function insertFamily(tx: Tx, row: typeof tokenFamily.$inferInsert) {
  await tx.insert(tokenFamily).values({ ...row, lastUsedAt: sql`now()` });
}

export async function insertRefreshToken(tx: Tx, row: typeof refreshToken.$inferInsert) {
  await tx.insert(refreshToken).values(row);
}

/**
 * The refresh token with its family and person, locked: two exchanges of one token run one after
 * the other, so the second always sees the first one's `used_at` (and counts as reuse).
 */
export async function lockRefreshToken(tx: Tx, tokenHash: string) {
  const rows = await tx
    .select({
      id: refreshToken.id,
      usedAt: refreshToken.usedAt,
      familyId: tokenFamily.id,
      userId: tokenFamily.userId,
      familyExpiresAt: tokenFamily.expiresAt,
      familyRevokedAt: tokenFamily.revokedAt,
      userDeletedAt: user.deletedAt,
      userDisabledAt: user.disabledAt,
    })
    .from(refreshToken)
    .innerJoin(tokenFamily, eq(tokenFamily.id, refreshToken.familyId))
    .innerJoin(user, eq(user.id, tokenFamily.userId))
    .where(eq(refreshToken.tokenHash, tokenHash))
    .for('update', { of: refreshToken });
  return rows[0] ?? null;
}

export async function markRefreshTokenUsed(tx: Tx, id: string) {
  await tx.update(refreshToken).set({ usedAt: sql`now()` }).where(eq(refreshToken.id, id));
}

/** A refresh is the family's last use, shown in Settings -> Sessions. */
export async function touchFamily(tx: Tx, familyId: string) {
  await tx.update(tokenFamily).set({ lastUsedAt: sql`now()` }).where(eq(tokenFamily.id, familyId));
}

/** Revokes a live family; false when it was already revoked. */
export async function revokeFamily(tx: Tx, familyId: string, reason: string) {
  const rows = await tx
    .update(tokenFamily)
    .set({ revokedAt: sql`now()`, revokeReason: reason })
    .where(and(eq(tokenFamily.id, familyId), isNull(tokenFamily.revokedAt)))
    .returning({ id: tokenFamily.id });
  return rows.length > 0;
}
