import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { HttpDb, QueryBuilder, Tx } from '../../db/gateway.ts';
import { membership } from '../../db/schema.ts';
import { billingCustomer, stripeEvent, subscription, workspaceTrial } from './billing.tables.ts';

type Provider = 'stripe' | 'manual';

/** The workspace's provider customer and whether a subscription is still running, in one query. */
export function selectCustomerAndLiveStatus(db: HttpDb) {
  return db
    .select({
      customerId: sql<string | null>`(select ${billingCustomer.providerCustomerId} from ${billingCustomer} limit 1)`,
      liveStatus: sql<string | null>`(select ${subscription.status} from ${subscription}
        where ${subscription.status} in ('trialing', 'active', 'past_due') limit 1)`,
    })
    .from(sql`(select 1) as one`);
}

export const insertCustomer = (db: QueryBuilder, row: typeof billingCustomer.$inferInsert) =>
  db.insert(billingCustomer).values(row).onConflictDoNothing();

/** The subscription to show: a running one first, otherwise the latest. */
export function selectCurrentSubscription(db: HttpDb) {
  return db
    .select()
    .from(subscription)
    .orderBy(sql`(${subscription.status} in ('trialing', 'active', 'past_due')) desc`, desc(subscription.updatedAt))
    .limit(1);
}

// The webhook and its consumer, as the owner.

/**
 * Records a new event. A plain insert: a second delivery of the same event fails on the key and rolls
 * back the batch it came in, outbox event included, so an event is queued once.
 */
export const insertEvent = (db: QueryBuilder, row: typeof stripeEvent.$inferInsert) => db.insert(stripeEvent).values(row);

/** Records an event that has nothing to apply (an ignored type, a customer that is not ours), settled at once. */
export const insertSettledEvent = (db: QueryBuilder, row: typeof stripeEvent.$inferInsert & { outcome: string }) =>
  db
    .insert(stripeEvent)
    .values({ ...row, processedAt: sql`now()` })
    .onConflictDoNothing();

/** Waits for any other job holding the event, then answers it only if still unprocessed. */
export function lockUnprocessedEvent(tx: Tx, id: string) {
  return tx
    .select()
    .from(stripeEvent)
    .where(and(eq(stripeEvent.id, id), isNull(stripeEvent.processedAt)))
    .for('update');
}

export const markProcessed = (tx: Tx, id: string, outcome: string) =>
  tx.update(stripeEvent).set({ processedAt: sql`now()`, outcome }).where(eq(stripeEvent.id, id));

/** One job at a time per provider subscription: fetch and write happen under this lock. */
export const lockProviderSubscription = (tx: Tx, provider: Provider, subscriptionId: string) =>
  tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`billing:${provider}:${subscriptionId}`}, 0))`);

export const workspaceOfCustomer = (db: QueryBuilder, provider: Provider, customerId: string) =>
  db
    .select({ workspaceId: billingCustomer.workspaceId })
    .from(billingCustomer)
    .where(and(eq(billingCustomer.paymentProvider, provider), eq(billingCustomer.providerCustomerId, customerId)));

export function upsertSubscription(tx: Tx, row: typeof subscription.$inferInsert) {
  const { id: _id, createdAt: _created, ...changes } = row;
  return tx
    .insert(subscription)
    .values(row)
    .onConflictDoUpdate({
      target: [subscription.paymentProvider, subscription.providerSubscriptionId],
      set: {
        ...changes,
        providerUpdated: sql`greatest(${subscription.providerUpdated}, excluded.provider_updated)`,
        updatedAt: sql`now()`,
      },
      // a subscription never moves to another workspace
      where: eq(subscription.workspaceId, row.workspaceId),
    });
}

export const updateCustomerEmail = (tx: Tx, provider: Provider, customerId: string, email: string | null) =>
  tx
    .update(billingCustomer)
    .set({ email, updatedAt: sql`now()` })
    .where(
      and(
        eq(billingCustomer.paymentProvider, provider),
        eq(billingCustomer.providerCustomerId, customerId),
        ne(sql`coalesce(${billingCustomer.email}, '')`, email ?? ''),
      ),
    )
    .returning({ workspaceId: billingCustomer.workspaceId });

// Trials.

export const selectTrial = (db: HttpDb) => db.select().from(workspaceTrial).limit(1);

/**
 * The one extension: the end moves `days` later (counted from now if it has already passed). Only a
 * trial not yet extended matches, so of two racing extensions one changes the row.
 */
export const extendTrial = (db: QueryBuilder, days: number) =>
  db
    .update(workspaceTrial)
    .set({ endsAt: sql`greatest(${workspaceTrial.endsAt}, now()) + make_interval(days => ${days})`, extendedAt: sql`now()` })
    .where(isNull(workspaceTrial.extendedAt))
    .returning({ endsAt: workspaceTrial.endsAt });

// Seats.

/** The workspace's running subscription at a provider (not a manual one), newest first. */
export const runningProviderSubscription = (tx: Tx, workspaceId: string) =>
  tx
    .select()
    .from(subscription)
    .where(
      and(
        eq(subscription.workspaceId, workspaceId),
        eq(subscription.paymentProvider, 'stripe'),
        sql`${subscription.status} in ('trialing', 'active', 'past_due')`,
      ),
    )
    .orderBy(desc(subscription.updatedAt))
    .limit(1);

export const countMembers = (tx: Tx, workspaceId: string) =>
  tx.select({ members: sql<number>`count(*)` }).from(membership).where(eq(membership.workspaceId, workspaceId));

export const setSeats = (tx: Tx, id: string, seats: number) =>
  tx.update(subscription).set({ seats, updatedAt: sql`now()` }).where(eq(subscription.id, id));
