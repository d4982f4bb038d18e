import { and, eq, isNull } from 'drizzle-orm';
import type { HttpDb, QueryBuilder } from '../../db/gateway.ts';
import { jobFailure } from '../../db/schema.ts';
import type { Position } from '../../kernel/cursor.ts';
import { after, type Keyset, keysetOrder, sortValue } from '../keyset.ts';

const newestFirst: Keyset = { value: jobFailure.failedAt, id: jobFailure.id, type: 'timestamptz', direction: 'desc' };

/** One page of the workspace's failed jobs, newest first: `limit + 1` rows after the position. */
export const selectFailurePage = (q: HttpDb, params: { after: Position | null; limit: number }) =>
  q
    .select({ failure: jobFailure, sortValue: sortValue(newestFirst) })
    .from(jobFailure)
    .where(after(newestFirst, params.after))
    .orderBy(keysetOrder(newestFirst))
    .limit(params.limit + 1);

export type FailureRow = typeof jobFailure.$inferSelect;

/** Marks a failure as retried, once: a second retry finds nothing to mark. */
export const markRetried = (tx: QueryBuilder, id: string, userId: string | null) =>
  tx
    .update(jobFailure)
    .set({ retriedAt: new Date(), retriedBy: userId })
    .where(and(eq(jobFailure.id, id), isNull(jobFailure.retriedAt)))
    .returning();

export const selectFailure = (tx: QueryBuilder, id: string) => tx.select().from(jobFailure).where(eq(jobFailure.id, id));

/** The send failed after the commit: the failure may be retried again. */
export const unmarkRetried = (tx: QueryBuilder, id: string) =>
  tx.update(jobFailure).set({ retriedAt: null, retriedBy: null }).where(eq(jobFailure.id, id));
