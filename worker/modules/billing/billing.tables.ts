import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, inTenant, updatedAt, workspace } from '../../db/schema.ts';

/** The webhook path and its job: no request, no workspace known up front; they run as the owner. */
const notRequestRole = sql`current_user <> 'app_request'`;

/**
 * One payment-provider customer per workspace (docs/decisions/041-payment-provider-seam.md). The
 * provider's customer is created with an idempotency key derived from the workspace id, so two
 * racing first checkouts make one customer; the primary key keeps one row.
 */
export const billingCustomer = pgTable(
  'billing_customer',
  {
    workspaceId: uuid('workspace_id')
      .primaryKey()
      .references(() => workspace.id, { onDelete: 'cascade' }),
    paymentProvider: text('payment_provider', { enum: ['stripe', 'manual'] }).notNull(),
    providerCustomerId: text('provider_customer_id').notNull(),
    email: text('email'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('billing_customer_provider_idx').on(t.paymentProvider, t.providerCustomerId),
    check('billing_customer_provider_valid', sql`${t.paymentProvider} in ('stripe', 'manual')`),
    pgPolicy('billing_customer_tenant', { for: 'all', using: inTenant, withCheck: inTenant }),
    pgPolicy('billing_customer_system', { for: 'all', using: notRequestRole, withCheck: notRequestRole }),
  ],
).enableRLS();

export const subscriptionStatuses = ['trialing', 'active', 'past_due', 'canceled', 'unpaid'] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];

/**
 * A workspace's subscription as this app knows it: the truth every check reads, written only from
 * verified provider events (or by hand for `manual`). One row per provider subscription.
 * `provider_updated` is the provider's time of the state stored here (the event's `created`); an
 * older event never overwrites a newer state (docs/decisions/042-stripe-event-ledger.md).
 */
export const subscription = pgTable(
  'subscription',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspace.id, { onDelete: 'cascade' }),
    paymentProvider: text('payment_provider', { enum: ['stripe', 'manual'] }).notNull(),
    plan: text('plan', { enum: ['free', 'pro', 'team'] }).notNull(),
    billingInterval: text('billing_interval', { enum: ['month', 'year'] }),
    status: text('status', { enum: subscriptionStatuses }).notNull(),
    currentPeriodEnd: timestamp('current_period_end', { withTimezone: true }),
    cancelAt: timestamp('cancel_at', { withTimezone: true }),
    cancelAtPeriodEnd: boolean('cancel_at_period_end').notNull().default(false),
    seats: integer('seats').notNull().default(1),
    providerCustomerId: text('provider_customer_id'),
    providerSubscriptionId: text('provider_subscription_id'),
    providerPriceId: text('provider_price_id'),
    providerCreated: timestamp('provider_created', { withTimezone: true }),
    providerUpdated: timestamp('provider_updated', { withTimezone: true }),
    providerEventId: text('provider_event_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('subscription_provider_idx').on(t.paymentProvider, t.providerSubscriptionId),
    index('subscription_workspace_idx').on(t.workspaceId, t.createdAt),
    check('subscription_provider_valid', sql`${t.paymentProvider} in ('stripe', 'manual')`),
    check('subscription_plan_valid', sql`${t.plan} in ('free', 'pro', 'team')`),
    check('subscription_status_valid', sql`${t.status} in ('trialing', 'active', 'past_due', 'canceled', 'unpaid')`),
    check('subscription_seats_positive', sql`${t.seats} > 0`),
    pgPolicy('subscription_tenant', { for: 'all', using: inTenant, withCheck: inTenant }),
    pgPolicy('subscription_system', { for: 'all', using: notRequestRole, withCheck: notRequestRole }),
  ],
).enableRLS();

/**
 * Every Stripe event the webhook accepted, by its id (docs/decisions/042-stripe-event-ledger.md):
 * the insert is `on conflict do nothing`, so a redelivered event is one row; `processed_at` is set in
 * the transaction that applied its effect, so the effect happens once. Not a tenant table: the
 * webhook does not know the workspace, and the request role has no access at all.
 */
export const stripeEvent = pgTable(
  'stripe_event',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    /** The event's `created`, Stripe's clock. */
    providerCreated: timestamp('provider_created', { withTimezone: true }).notNull(),
    payload: jsonb('payload').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    /** What applying it did: `applied`, `stale`, `ignored` (an unknown type) or `unmatched`. */
    outcome: text('outcome'),
  },
  (t) => [index('stripe_event_unprocessed_idx').on(t.receivedAt).where(sql`${t.processedAt} is null`)],
).enableRLS();

/**
 * A workspace's free trial of a paid plan, started with the workspace, no card asked
 * (docs/decisions/043-trials-and-entitlements.md). It can be extended once (`extended_at`). When it
 * has ended and the workspace never subscribed, the workspace is read-only until a plan is chosen;
 * nothing is deleted. The credential check reads it (`app_private.resolve_credential`).
 */
export const workspaceTrial = pgTable(
  'workspace_trial',
  {
    workspaceId: uuid('workspace_id')
      .primaryKey()
      .references(() => workspace.id, { onDelete: 'cascade' }),
    plan: text('plan', { enum: ['pro', 'team'] }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    extendedAt: timestamp('extended_at', { withTimezone: true }),
  },
  (t) => [
    check('workspace_trial_plan_valid', sql`${t.plan} in ('pro', 'team')`),
    pgPolicy('workspace_trial_tenant', { for: 'all', using: inTenant, withCheck: inTenant }),
    pgPolicy('workspace_trial_system', { for: 'all', using: notRequestRole, withCheck: notRequestRole }),
  ],
).enableRLS();

/**
 * Metered usage per workspace, metric and calendar month (docs/decisions/057-metering.md), rolled up
 * from the meter's counters by a cron job. `quantity` is the counter's absolute value (a roll-up run
 * twice writes the same number; it never goes down); `reported_quantity` is how much of it the
 * payment provider has been told, so each report sends the difference once. The limit it records is
 * enforced from the next credential check on, so a workspace may go over by what one roll-up
 * interval lets through.
 */
export const usageRecord = pgTable(
  'usage_record',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspace.id, { onDelete: 'cascade' }),
    metric: text('metric', { enum: ['api_requests'] }).notNull(),
    /** `YYYY-MM`, UTC. */
    period: text('period').notNull(),
    quantity: bigint('quantity', { mode: 'number' }).notNull().default(0),
    reportedQuantity: bigint('reported_quantity', { mode: 'number' }).notNull().default(0),
    /**
     * Set by the roll-up when `quantity` has reached the plan's limit for the metric; the credential
     * check reads it, so a refusal costs no round trip. `unlock_plan` is the cheapest plan above it.
     */
    limitReached: boolean('limit_reached').notNull().default(false),
    unlockPlan: text('unlock_plan'),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.metric, t.period] }),
    check('usage_record_metric_valid', sql`${t.metric} in ('api_requests')`),
    check('usage_record_period_valid', sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check('usage_record_quantities', sql`${t.quantity} >= 0 and ${t.reportedQuantity} >= 0 and ${t.reportedQuantity} <= ${t.quantity}`),
    pgPolicy('usage_record_tenant', { for: 'all', using: inTenant, withCheck: inTenant }),
    pgPolicy('usage_record_system', { for: 'all', using: notRequestRole, withCheck: notRequestRole }),
  ],
).enableRLS();

export const dunningSteps = ['payment_failed', 'downgraded', 'suspended', 'deletion_scheduled'] as const;
export type DunningStep = (typeof dunningSteps)[number];

/**
 * What dunning did to a workspace, one row per step (docs/decisions/058-dunning.md): a failed payment
 * (per invoice and attempt), the downgrade to free after the third, the suspension after 30 days
 * unpaid, the deletion scheduled after 60. The key makes each step happen, mail and audit once,
 * whether a webhook is replayed or the cron runs twice. A paid invoice sets `reversed_at` on the
 * open steps and undoes them; the rows stay as the history.
 */
export const dunningStep = pgTable(
  'dunning_step',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspace.id, { onDelete: 'cascade' }),
    invoiceId: text('invoice_id').notNull(),
    step: text('step', { enum: dunningSteps }).notNull(),
    /** The invoice's payment attempt for `payment_failed`; 0 for the other steps. */
    attempt: integer('attempt').notNull().default(0),
    createdAt: createdAt(),
    reversedAt: timestamp('reversed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.invoiceId, t.step, t.attempt] }),
    index('dunning_step_open_idx').on(t.workspaceId).where(sql`${t.reversedAt} is null`),
    check('dunning_step_valid', sql`${t.step} in ('payment_failed', 'downgraded', 'suspended', 'deletion_scheduled')`),
    pgPolicy('dunning_step_tenant', { for: 'all', using: inTenant, withCheck: inTenant }),
    pgPolicy('dunning_step_system', { for: 'all', using: notRequestRole, withCheck: notRequestRole }),
  ],
).enableRLS();
