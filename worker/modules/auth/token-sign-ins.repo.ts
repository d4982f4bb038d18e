import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { QueryBuilder } from '../../db/client.ts';
import { tokenFamily } from '../../db/schema.ts';

/**
 * Revokes every live family of the person, as a statement for the caller's transaction (a batch
 * or an interactive one, as the owner or the request role, whose policy allows exactly this).
 */
export const revokeFamiliesOf = (db: QueryBuilder, userId: string, reason: string) =>
  db
    .update(tokenFamily)
    .set({ revokedAt: sql`now()`, revokeReason: reason })
    .where(and(eq(tokenFamily.userId, userId), isNull(tokenFamily.revokedAt), gt(tokenFamily.expiresAt, sql`now()`)))
    .returning({ id: tokenFamily.id });
