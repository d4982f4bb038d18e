import { and, eq, inArray, lt, ne, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/tenant.ts';
import { webhookDelivery, webhookEndpoint } from './webhooks.tables.ts';

/** How long an attempt holds its delivery: the 10-second timeout and a margin. */
const CLAIM_SECONDS = 60;

export const selectDeliveryWithEndpoint = async (tx: Tx, id: string) => {
  const [row] = await tx
    .select({ delivery: webhookDelivery, endpoint: webhookEndpoint })
    .from(webhookDelivery)
    .innerJoin(webhookEndpoint, eq(webhookEndpoint.id, webhookDelivery.endpointId))
    .where(eq(webhookDelivery.id, id));
  return row ?? null;
};

/**
 * Takes attempt `attempt` of an unfinished delivery: the one after the last, or the same one again
 * when the attempt that held it stopped without a word (its claim ran out). Null when another message
 * already made or is making this attempt.
 */
export async function claimAttempt(tx: Tx, id: string, attempt: number) {
  const [claimed] = await tx
    .update(webhookDelivery)
    .set({ attempt, claimedUntil: sql`now() + make_interval(secs => ${CLAIM_SECONDS})`, updatedAt: new Date() })
    .where(
      and(
        eq(webhookDelivery.id, id),
        inArray(webhookDelivery.status, ['pending', 'retrying']),
        or(
          eq(webhookDelivery.attempt, attempt - 1),
          and(eq(webhookDelivery.attempt, attempt), lt(webhookDelivery.claimedUntil, sql`now()`)),
        ),
      ),
    )
    .returning({ id: webhookDelivery.id });
  return claimed ?? null;
}

export const recordAttempt = (
  tx: Tx,
  id: string,
  result: Pick<
    typeof webhookDelivery.$inferInsert,
    'status' | 'responseStatus' | 'responseBody' | 'error' | 'durationMs' | 'nextAttemptAt'
  >,
) =>
  tx
    .update(webhookDelivery)
    .set({ ...result, claimedUntil: null, updatedAt: new Date() })
    .where(eq(webhookDelivery.id, id));

export const failDelivery = (tx: Tx, id: string, error: string) =>
  tx
    .update(webhookDelivery)
    .set({ status: 'failed', error, claimedUntil: null, nextAttemptAt: null, updatedAt: new Date() })
    .where(eq(webhookDelivery.id, id));

/** A success ends a failure streak; a failing endpoint is active again. */
export const endpointSucceeded = (tx: Tx, endpointId: string) =>
  tx
    .update(webhookEndpoint)
    .set({
      failingSince: null,
      status: sql`case when ${webhookEndpoint.status} = 'failing' then 'active' else ${webhookEndpoint.status} end`,
    })
    .where(
      and(eq(webhookEndpoint.id, endpointId), sql`(${webhookEndpoint.failingSince} is not null or ${webhookEndpoint.status} = 'failing')`),
    );

/** Starts the failure streak if none runs; answers how many seconds it has lasted. */
export async function continueFailureStreak(tx: Tx, endpointId: string): Promise<number> {
  const [row] = await tx
    .update(webhookEndpoint)
    .set({ failingSince: sql`coalesce(${webhookEndpoint.failingSince}, now())` })
    .where(eq(webhookEndpoint.id, endpointId))
    .returning({ seconds: sql<number>`extract(epoch from now() - ${webhookEndpoint.failingSince})::float8` });
  return Number(row?.seconds ?? 0);
}

/** Disables an endpoint not disabled yet; answers whether this call did (only that one tells the owners). */
export async function disableEndpoint(tx: Tx, endpointId: string, reason: string): Promise<boolean> {
  const rows = await tx
    .update(webhookEndpoint)
    .set({ status: 'disabled', disabledReason: reason, updatedAt: new Date() })
    .where(and(eq(webhookEndpoint.id, endpointId), ne(webhookEndpoint.status, 'disabled')))
    .returning({ id: webhookEndpoint.id });
  return rows.length > 0;
}

/** Turns an active endpoint failing; answers whether this call did (only that one tells the owners). */
export async function markEndpointFailing(tx: Tx, endpointId: string): Promise<boolean> {
  const rows = await tx
    .update(webhookEndpoint)
    .set({ status: 'failing', updatedAt: new Date() })
    .where(and(eq(webhookEndpoint.id, endpointId), eq(webhookEndpoint.status, 'active')))
    .returning({ id: webhookEndpoint.id });
  return rows.length > 0;
}
