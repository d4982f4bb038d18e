import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgPolicy, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, inTenant, updatedAt, workspace } from '../../db/schema.ts';

/**
 * A workspace's webhook endpoint (docs/decisions/040-outgoing-webhooks.md). The signing secret is
 * kept sealed (`kernel/secret-box.ts`); after a rotation the previous one still signs until
 * `previous_secret_until`. `failing_since` starts a failure streak and a success ends it.
 * RLS is forced and the request role's grants are in the module's custom migration.
 */
export const webhookEndpoint = pgTable(
  'webhook_endpoint',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspace.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    description: text('description'),
    /** Event types delivered; empty means all. */
    eventTypes: text('event_types').array().notNull().default(sql`'{}'::text[]`),
    secretBox: text('secret_box').notNull(),
    previousSecretBox: text('previous_secret_box'),
    previousSecretUntil: timestamp('previous_secret_until', { withTimezone: true }),
    status: text('status', { enum: ['active', 'failing', 'disabled'] })
      .notNull()
      .default('active'),
    disabledReason: text('disabled_reason'),
    failingSince: timestamp('failing_since', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('webhook_endpoint_workspace_created_idx').on(t.workspaceId, t.createdAt, t.id),
    check('webhook_endpoint_status_valid', sql`${t.status} in ('active', 'failing', 'disabled')`),
    pgPolicy('webhook_endpoint_tenant', { for: 'all', using: inTenant, withCheck: inTenant }),
  ],
).enableRLS();

/**
 * One event for one endpoint, and what became of it. `event_id` is the `webhook-id` the receiver
 * sees, the same on every attempt; the payload is kept so a replay needs nothing else. The first
 * delivery of an event to an endpoint is unique (the consumer may run twice); a replay is a new row
 * pointing at the one it repeats.
 */
export const webhookDelivery = pgTable(
  'webhook_delivery',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspace.id, { onDelete: 'cascade' }),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoint.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').notNull(),
    payload: jsonb('payload').notNull(),
    replayOf: uuid('replay_of'),
    attempt: integer('attempt').notNull().default(0),
    status: text('status', { enum: ['pending', 'retrying', 'succeeded', 'failed'] })
      .notNull()
      .default('pending'),
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    error: text('error'),
    durationMs: integer('duration_ms'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    /** Set while an attempt is under way: a second message for the same attempt waits, one after a crash takes over. */
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('webhook_delivery_first_idx').on(t.endpointId, t.eventId).where(sql`${t.replayOf} is null`),
    index('webhook_delivery_workspace_created_idx').on(t.workspaceId, t.createdAt, t.id),
    index('webhook_delivery_endpoint_created_idx').on(t.endpointId, t.createdAt, t.id),
    check('webhook_delivery_status_valid', sql`${t.status} in ('pending', 'retrying', 'succeeded', 'failed')`),
    pgPolicy('webhook_delivery_tenant', { for: 'all', using: inTenant, withCheck: inTenant }),
  ],
).enableRLS();
