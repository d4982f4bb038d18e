import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { HttpDb, QueryBuilder } from '../../db/client.ts';
import type { Tx } from '../../db/tenant.ts';
import { billingCustomer, stripeEvent, subscription } from './billing.tables.ts';

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

// The webhook and its job, as the owner.

/**
 * Records an event once. Answers a row when the event is new or still unprocessed (its job should
 * run, again if an earlier send was lost), nothing when it was already applied.
 */
export function recordEvent(db: HttpDb, row: typeof stripeEvent.$inferInsert) {
  return db
    .insert(stripeEvent)
    .values(row)
    .onConflictDoUpdate({
      target: stripeEvent.id,
      set: { receivedAt: sql`${stripeEvent.receivedAt}` },
      where: isNull(stripeEvent.processedAt),
    })
    .returning({ id: stripeEvent.id });
}

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

export const workspaceOfCustomer = (tx: Tx, provider: Provider, customerId: string) =>
  tx
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
