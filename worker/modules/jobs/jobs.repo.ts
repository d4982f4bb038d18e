import { and, desc, eq, isNull } from 'drizzle-orm';
import type { HttpDb, QueryBuilder } from '../../db/gateway.ts';
import { jobFailure } from '../../db/schema.ts';

/** The most a list shows: failures are rare, and older ones are in the dead letters. */
const LIST_LIMIT = 100;

export const selectFailures = (q: HttpDb) =>
  q.select().from(jobFailure).orderBy(desc(jobFailure.failedAt), desc(jobFailure.id)).limit(LIST_LIMIT);

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
