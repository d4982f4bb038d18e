import { and, eq, gte, inArray, lt, ne, or, sql } from 'drizzle-orm';
import type { QueryBuilder } from '../../db/client.ts';
import type { Tx } from '../../db/tenant.ts';
import { webhookDelivery, webhookEndpoint } from './webhooks.tables.ts';

/** How long an attempt holds its delivery: the 10-second timeout and a margin. */
export const CLAIM_SECONDS = 60;

const unfinished = inArray(webhookDelivery.status, ['pending', 'retrying']);

export const selectDeliveriesWithEndpoints = (db: QueryBuilder, ids: readonly string[]) =>
  db
    .select({ delivery: webhookDelivery, endpoint: webhookEndpoint })
    .from(webhookDelivery)
    .innerJoin(webhookEndpoint, eq(webhookEndpoint.id, webhookDelivery.endpointId))
    .where(inArray(webhookDelivery.id, [...ids]));

const endpointDisabled = sql`exists (select 1 from ${webhookEndpoint} where ${webhookEndpoint.id} = ${webhookDelivery.endpointId} and ${webhookEndpoint.status} = 'disabled')`;

/** Fails the unfinished deliveries among `ids` whose endpoint was disabled; answers their ids. */
export const failForDisabledEndpoints = (db: QueryBuilder, ids: readonly string[]) =>
  db
    .update(webhookDelivery)
    .set({ status: 'failed', error: 'The endpoint is disabled', claimedUntil: null, nextAttemptAt: null, updatedAt: new Date() })
    .where(and(inArray(webhookDelivery.id, [...ids]), unfinished, endpointDisabled))
    .returning({ id: webhookDelivery.id });

/**
 * Takes attempt `attempt` of the unfinished deliveries among `ids` whose endpoint takes deliveries,
 * in one statement: the one after the last; or, when the attempt that held a delivery stopped without
 * a word (its claim ran out, whichever attempt it was), the next attempt after that one. A repeat is
 * always counted as an attempt of its own, so a receiver sees a `webhook-id` again only with a higher
 * attempt number. Answers the ids taken; the others were already made, are being made by another
 * message, or have no row.
 */
export const claimAttempts = (db: QueryBuilder, ids: readonly string[], attempt: number) =>
  db
    .update(webhookDelivery)
    .set({
      attempt: sql`case when ${webhookDelivery.attempt} = ${attempt - 1} then ${attempt} else ${webhookDelivery.attempt} + 1 end`,
      claimedUntil: sql`now() + make_interval(secs => ${CLAIM_SECONDS})`,
      updatedAt: new Date(),
    })
    .where(
      and(
        inArray(webhookDelivery.id, [...ids]),
        unfinished,
        sql`not ${endpointDisabled}`,
        or(
          eq(webhookDelivery.attempt, attempt - 1),
          and(gte(webhookDelivery.attempt, attempt), lt(webhookDelivery.claimedUntil, sql`now()`)),
        ),
      ),
    )
    .returning({ id: webhookDelivery.id });

/** What a successful attempt answered, for `recordSuccesses`. */
export interface Success {
  id: string;
  responseStatus: number | null;
  responseBody: string | null;
  durationMs: number;
}

/** Records many successful attempts in one statement (the rows travel as one JSON parameter). */
export function recordSuccesses(db: QueryBuilder, successes: readonly Success[]) {
  const rows = successes.map((s) => ({ id: s.id, status: s.responseStatus, body: s.responseBody, ms: s.durationMs }));
  return db.execute(sql`
    update ${webhookDelivery} set status = 'succeeded', response_status = x.status, response_body = x.body, error = null,
      duration_ms = x.ms, next_attempt_at = null, claimed_until = null, updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(id uuid, status int, body text, ms int)
    where ${webhookDelivery.id} = x.id`);
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

/** A success ends a failure streak; a failing endpoint is active again. */
export const endpointsSucceeded = (db: QueryBuilder, endpointIds: readonly string[]) =>
  db
    .update(webhookEndpoint)
    .set({
      failingSince: null,
      status: sql`case when ${webhookEndpoint.status} = 'failing' then 'active' else ${webhookEndpoint.status} end`,
    })
    .where(
      and(
        inArray(webhookEndpoint.id, [...endpointIds]),
        sql`(${webhookEndpoint.failingSince} is not null or ${webhookEndpoint.status} = 'failing')`,
      ),
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
