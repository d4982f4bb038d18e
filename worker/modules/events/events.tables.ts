import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgPolicy, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { inTenant, workspace } from '../../db/schema.ts';

/** Work that is not a request's: the relay, the sweep and the consumers run as the connection's own role. */
const notRequestRole = sql`current_user <> 'app_request'`;

/**
 * The transactional outbox (docs/decisions/039-transactional-outbox.md): a domain event that leaves the
 * process is written here in the same transaction as the change it announces, then relayed to the queue.
 * A request may only add events of its own workspace and never reads them back; the relay claims a row
 * (`claimed_until`, a lease) before sending it and marks it `sent_at` after, so a relay that dies
 * between the two leaves the row to the sweep once the lease has run out.
 */
export const outboxEvent = pgTable(
  'outbox_event',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspace.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    version: integer('version').notNull(),
    payload: jsonb('payload').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('outbox_event_unsent_idx').on(t.occurredAt).where(sql`${t.sentAt} is null`),
    pgPolicy('outbox_event_tenant_insert', { for: 'insert', withCheck: inTenant }),
    pgPolicy('outbox_event_relay', { for: 'all', using: notRequestRole, withCheck: notRequestRole }),
  ],
).enableRLS();

/**
 * The consumers' ledger: a row per (handler, event) that ran to the end. A handler's own database
 * effect commits with its row, so a redelivered event finds the row and is skipped.
 */
export const eventReceipt = pgTable(
  'event_receipt',
  {
    handler: text('handler').notNull(),
    eventId: uuid('event_id').notNull(),
    handledAt: timestamp('handled_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.handler, t.eventId] }), index('event_receipt_handled_idx').on(t.handledAt)],
).enableRLS();

/**
 * Which interest-bound consumers (`when: 'workspace-interest'` in a manifest) a workspace's events are
 * wanted by (docs/decisions/054-events-by-workspace-interest.md): `holders` counts what makes the
 * consumer care there (for webhooks, the endpoints that are not disabled), kept by the consumer's
 * module in the transaction that changes them. The credential check reads the consumers with
 * `holders > 0`, so a request knows without a round trip whether its events need the queue.
 * `expires_at` bounds an interest nobody can count down: the realtime hub's is held while someone may
 * be connected (set by a ticket, renewed by the client's heartbeat) and lapses on its own; null never
 * lapses (webhooks).
 */
export const eventInterest = pgTable(
  'event_interest',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspace.id, { onDelete: 'cascade' }),
    consumer: text('consumer').notNull(),
    holders: integer('holders').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.consumer] }),
    pgPolicy('event_interest_tenant_read', { for: 'select', using: inTenant }),
    pgPolicy('event_interest_system', { for: 'all', using: notRequestRole, withCheck: notRequestRole }),
  ],
).enableRLS();
