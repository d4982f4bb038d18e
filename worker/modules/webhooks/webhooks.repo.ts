import { and, asc, eq, gte, inArray, isNull, lt, ne, type SQL, sql } from 'drizzle-orm';
import type { HttpDb, QueryBuilder } from '../../db/client.ts';
import type { Tx } from '../../db/tenant.ts';
import { webhookDelivery, webhookEndpoint } from './webhooks.tables.ts';
import type { Position } from '../../kernel/cursor.ts';
import { after, type Keyset, keysetOrder, sortValue } from '../keyset.ts';

export type EndpointRow = typeof webhookEndpoint.$inferSelect;
export type DeliveryRow = typeof webhookDelivery.$inferSelect;
type DeliveryInsert = typeof webhookDelivery.$inferInsert;

export const selectEndpoints = (db: HttpDb) =>
  db.select().from(webhookEndpoint).orderBy(asc(webhookEndpoint.createdAt), asc(webhookEndpoint.id)).limit(500);

export const selectEndpoint = (db: QueryBuilder, id: string) => db.select().from(webhookEndpoint).where(eq(webhookEndpoint.id, id));

/**
 * Serialises endpoint creation in one workspace (a transaction lock), then counts its endpoints:
 * two creates at once cannot both pass the cap.
 */
export async function lockAndCountEndpoints(tx: Tx, workspaceId: string): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`webhook-endpoints:${workspaceId}`}, 0))`);
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(webhookEndpoint);
  return row?.n ?? 0;
}

export async function insertEndpoint(tx: Tx, row: typeof webhookEndpoint.$inferInsert) {
  const [created] = await tx.insert(webhookEndpoint).values(row).returning();
  return created ?? null;
}

export async function updateEndpoint(
  tx: Tx,
  id: string,
  patch: Partial<Omit<typeof webhookEndpoint.$inferInsert, 'id' | 'workspaceId' | 'createdBy' | 'createdAt'>>,
) {
  const [updated] = await tx
    .update(webhookEndpoint)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(webhookEndpoint.id, id))
    .returning();
  return updated ?? null;
}

export async function deleteEndpoint(tx: Tx, id: string) {
  const [deleted] = await tx.delete(webhookEndpoint).where(eq(webhookEndpoint.id, id)).returning({ id: webhookEndpoint.id });
  return deleted ?? null;
}

const deliveriesNewestFirst: Keyset = { value: webhookDelivery.createdAt, id: webhookDelivery.id, type: 'timestamptz', direction: 'desc' };

export function selectDeliveryPage(
  db: HttpDb,
  endpointId: string,
  params: {
    status?: DeliveryRow['status'] | undefined;
    eventType?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    after: Position | null;
    limit: number;
  },
) {
  const filters: SQL[] = [eq(webhookDelivery.endpointId, endpointId)];
  if (params.status) filters.push(eq(webhookDelivery.status, params.status));
  if (params.eventType) filters.push(eq(webhookDelivery.eventType, params.eventType));
  if (params.from) filters.push(gte(webhookDelivery.createdAt, new Date(params.from)));
  if (params.to) filters.push(lt(webhookDelivery.createdAt, new Date(params.to)));
  filters.push(after(deliveriesNewestFirst, params.after));
  return db
    .select({ delivery: webhookDelivery, sortValue: sortValue(deliveriesNewestFirst) })
    .from(webhookDelivery)
    .where(and(...filters))
    .orderBy(keysetOrder(deliveriesNewestFirst))
    .limit(params.limit + 1);
}

export async function selectDelivery(tx: Tx, endpointId: string, id: string) {
  const [row] = await tx
    .select()
    .from(webhookDelivery)
    .where(and(eq(webhookDelivery.endpointId, endpointId), eq(webhookDelivery.id, id)));
  return row ?? null;
}

/** The first delivery of each event to each endpoint is unique: a second run of the consumer adds nothing. */
export const insertReplays = (tx: Tx, rows: DeliveryInsert[]) => tx.insert(webhookDelivery).values(rows).returning();

/** Deliveries of the endpoint in [from, to) that did not succeed, first deliveries only, oldest first. */
export const selectUnsucceeded = (tx: Tx, endpointId: string, from: Date, to: Date, limit: number) =>
  tx
    .select()
    .from(webhookDelivery)
    .where(
      and(
        eq(webhookDelivery.endpointId, endpointId),
        isNull(webhookDelivery.replayOf),
        ne(webhookDelivery.status, 'succeeded'),
        gte(webhookDelivery.createdAt, from),
        lt(webhookDelivery.createdAt, to),
      ),
    )
    .orderBy(asc(webhookDelivery.createdAt), asc(webhookDelivery.id))
    .limit(limit);

/**
 * Endpoints of the event's workspace that take its type (an empty filter takes all). The consumer runs
 * as the connection's own role, which RLS may not bind (a superuser, as in local development), so the
 * workspace is named here too.
 */
/**
 * The first delivery of one event to every endpoint of its workspace that takes its type, in one
 * statement: each row takes the next of `ids` (fresh, time-ordered ids, at least as many as the
 * workspace may have endpoints). A delivery already there (the consumer ran twice) is left alone.
 */
export async function insertSubscribedDeliveries(
  tx: Tx,
  ids: readonly string[],
  event: { id: string; workspaceId: string; type: string; payload: unknown },
): Promise<string[]> {
  const result = await tx.execute<{ id: string }>(sql`
    insert into ${webhookDelivery} (id, workspace_id, endpoint_id, event_id, event_type, payload)
    select (${JSON.stringify(ids)}::jsonb ->> (row_number() over (order by e.id) - 1)::int)::uuid,
      e.workspace_id, e.id, ${event.id}::uuid, ${event.type}, ${JSON.stringify(event.payload)}::jsonb
    from ${webhookEndpoint} e
    where e.workspace_id = ${event.workspaceId} and e.status in ('active', 'failing')
      and (cardinality(e.event_types) = 0 or ${event.type} = any(e.event_types))
    on conflict do nothing
    returning id`);
  return result.rows.map((row) => row.id);
}

export const markDeliveriesFailed = (tx: Tx, ids: string[], error: string) =>
  tx.update(webhookDelivery).set({ status: 'failed', error, updatedAt: new Date() }).where(inArray(webhookDelivery.id, ids));
