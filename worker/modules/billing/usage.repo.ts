import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { HttpDb, QueryBuilder } from '../../db/gateway.ts';
import type { MeterMetric, MeterTotal } from '../../kernel/meter.ts';
import { billingCustomer, usageRecord } from './billing.tables.ts';

// The roll-up runs as the owner, across workspaces (`usage_record_system`); a request reads its own.

/** The meter's running totals, absolute: a number already stored is never lowered. */
export const upsertTotals = (db: QueryBuilder, period: string, totals: readonly MeterTotal[]) =>
  db
    .insert(usageRecord)
    .values(totals.map((t) => ({ workspaceId: t.workspaceId, metric: t.metric, period, quantity: t.quantity })))
    .onConflictDoUpdate({
      target: [usageRecord.workspaceId, usageRecord.metric, usageRecord.period],
      set: { quantity: sql`greatest(${usageRecord.quantity}, excluded.quantity)`, updatedAt: sql`now()` },
    });

/** Write-behind (no Redis): one increment added. */
export const addUsage = (db: QueryBuilder, row: { workspaceId: string; metric: MeterMetric; period: string; n: number }) =>
  db
    .insert(usageRecord)
    .values({ workspaceId: row.workspaceId, metric: row.metric, period: row.period, quantity: row.n })
    .onConflictDoUpdate({
      target: [usageRecord.workspaceId, usageRecord.metric, usageRecord.period],
      set: { quantity: sql`${usageRecord.quantity} + excluded.quantity`, updatedAt: sql`now()` },
    });

/** A period's usage with the plan in force in each workspace, as the credential check computes it. */
export const selectWithPlan = (db: HttpDb, period: string) =>
  db
    .select({
      workspaceId: usageRecord.workspaceId,
      metric: usageRecord.metric,
      quantity: usageRecord.quantity,
      limitReached: usageRecord.limitReached,
      unlockPlan: usageRecord.unlockPlan,
      plan: sql<string>`(select b.plan from app_private.workspace_billing(${usageRecord.workspaceId}) b)`,
    })
    .from(usageRecord)
    .where(eq(usageRecord.period, period));

export const setLimitReached = (
  db: QueryBuilder,
  key: { workspaceId: string; metric: MeterMetric; period: string },
  reached: boolean,
  unlockPlan: string | null,
) =>
  db
    .update(usageRecord)
    .set({ limitReached: reached, unlockPlan, updatedAt: sql`now()` })
    .where(and(eq(usageRecord.workspaceId, key.workspaceId), eq(usageRecord.metric, key.metric), eq(usageRecord.period, key.period)));

/** Usage the provider has not been told about yet, with the workspace's provider customer. */
export const selectUnreported = (db: HttpDb, periods: string[]) =>
  db
    .select({
      workspaceId: usageRecord.workspaceId,
      metric: usageRecord.metric,
      period: usageRecord.period,
      quantity: usageRecord.quantity,
      reportedQuantity: usageRecord.reportedQuantity,
      customerId: billingCustomer.providerCustomerId,
    })
    .from(usageRecord)
    .innerJoin(
      billingCustomer,
      and(eq(billingCustomer.workspaceId, usageRecord.workspaceId), eq(billingCustomer.paymentProvider, 'stripe')),
    )
    .where(and(inArray(usageRecord.period, periods), gt(usageRecord.quantity, usageRecord.reportedQuantity)));

/** Records what the provider now knows; a slower run that reported less never lowers it. */
export const markReported = (db: QueryBuilder, key: { workspaceId: string; metric: MeterMetric; period: string }, quantity: number) =>
  db
    .update(usageRecord)
    .set({ reportedQuantity: sql`greatest(${usageRecord.reportedQuantity}, ${quantity})`, updatedAt: sql`now()` })
    .where(and(eq(usageRecord.workspaceId, key.workspaceId), eq(usageRecord.metric, key.metric), eq(usageRecord.period, key.period)));
