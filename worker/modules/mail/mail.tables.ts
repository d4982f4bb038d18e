import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Every email, as an intent written in the same transaction as the change that decides to send it,
 * then sent by the `mail.send` job (docs/decisions/055-mail-through-the-outbox.md). The template's
 * parameters, among them any token inside a link, are sealed (`kernel/secret-box.ts`) until the mail
 * is sent, and dropped once it is settled. A request may add rows (it writes them in its own batch)
 * and never read them; the job, the sweep and the purge run as the owner.
 */
export const outboundMail = pgTable(
  'outbound_mail',
  {
    id: uuid('id').primaryKey(),
    template: text('template').notNull(),
    recipient: text('recipient').notNull(),
    /** The template's parameters, sealed; null once the mail is settled (sent, suppressed, refused, failed). */
    sealedParams: text('sealed_params'),
    /** Security mail (links that sign in or reset, notices of account changes) ignores the suppression list. */
    security: boolean('security').notNull().default(false),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** While set and in the future, the sweep leaves the row alone: a relay or a queued retry holds it. */
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    settledAt: timestamp('settled_at', { withTimezone: true }),
    providerMessageId: text('provider_message_id'),
    lastError: text('last_error'),
  },
  (t) => [
    check('outbound_mail_status', sql`${t.status} in ('pending', 'sent', 'suppressed', 'refused', 'failed')`),
    index('outbound_mail_pending_idx').on(t.createdAt).where(sql`${t.status} = 'pending'`),
    index('outbound_mail_recipient_idx').on(t.recipient),
    pgPolicy('outbound_mail_request_insert', { for: 'insert', withCheck: sql`${t.status} = 'pending'` }),
  ],
).enableRLS();

/**
 * Addresses a provider refused for good (Resend's 422 `validation_error`, Postmark's 406 and 300).
 * Mail to them is recorded as suppressed and not sent, except security mail, which is tried again and
 * lifts the entry when the provider accepts it. Owner only: no request reads or writes it.
 */
export const mailSuppression = pgTable('mail_suppression', {
  /** Lower-cased. */
  address: text('address').primaryKey(),
  provider: text('provider').notNull(),
  /** The provider's own name for the refusal: `validation_error`, `406`, `300`. */
  refusal: text('refusal').notNull(),
  detail: text('detail').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}).enableRLS();
