import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  jsonb,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, currentUserId, inTenant, membership, updatedAt, workspace } from '../../db/schema.ts';

/**
 * The request role sees and changes only the signed-in person's own rows (restrictive, on top of the
 * tenant policy); the owner, which the event consumers and the digest run as, is held to the workspace.
 * The role is told apart by `current_user`, not by `TO app_request`: the owner is a member of
 * app_request (it switches to it with SET ROLE), and a policy for a role applies to its members too,
 * so `TO app_request` would hold the consumers to a person they do not have.
 */
const ownRows = sql`current_user <> 'app_request' or person_id = ${currentUserId}`;

/**
 * The digest's cut-off (`app.digest_before`, set by the digest job with no workspace): lets the job
 * find which people have chatty notifications waiting for a digest, across workspaces, and nothing else.
 */
const digestDue = sql`digest_pending and read_at is null and created_at < nullif(current_setting('app.digest_before', true), '')::timestamptz`;

/**
 * One notification for one person in one workspace (docs/decisions/050-notifications.md). `kind` is
 * one a module declares in its manifest; `payload` holds ids and names for the sentence, never more
 * than the person may see. `in_app` is false for a row kept only for a digest email (the person turned
 * the inbox off for the kind). `digest_pending` is true until a digest mailed it (chatty kinds only).
 * The row leaves with the membership: a person never sees a workspace they left.
 */
export const notification = pgTable(
  'notification',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspace.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').notNull(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull().default(sql`'{}'::jsonb`),
    /** The event it came from: one notification per event, person and kind, however often it is consumed. */
    eventId: uuid('event_id').notNull(),
    inApp: boolean('in_app').notNull().default(true),
    digestPending: boolean('digest_pending').notNull().default(false),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.workspaceId, t.personId], foreignColumns: [membership.workspaceId, membership.userId] }).onDelete('cascade'),
    index('notification_inbox_idx').on(t.workspaceId, t.personId, t.createdAt, t.id),
    index('notification_digest_idx').on(t.createdAt).where(sql`digest_pending`),
    uniqueIndex('notification_event_person_kind_key').on(t.eventId, t.personId, t.kind),
    pgPolicy('notification_tenant', { for: 'all', using: inTenant, withCheck: inTenant }),
    pgPolicy('notification_own', { as: 'restrictive', for: 'all', using: ownRows, withCheck: ownRows }),
    pgPolicy('notification_digest_due', { for: 'select', using: digestDue }),
  ],
).enableRLS();

/**
 * A person's choice for one kind on one channel in one workspace. No row: on, and a chatty kind's
 * email comes in the daily digest. `digest` applies to the email channel of chatty kinds only.
 */
export const notificationPreference = pgTable(
  'notification_preference',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspace.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').notNull(),
    kind: text('kind').notNull(),
    channel: text('channel', { enum: ['in_app', 'email'] }).notNull(),
    enabled: boolean('enabled').notNull(),
    digest: text('digest', { enum: ['hourly', 'daily'] }),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.personId, t.kind, t.channel] }),
    foreignKey({ columns: [t.workspaceId, t.personId], foreignColumns: [membership.workspaceId, membership.userId] }).onDelete('cascade'),
    check('notification_preference_channel_valid', sql`${t.channel} in ('in_app', 'email')`),
    check('notification_preference_digest_valid', sql`${t.digest} is null or ${t.digest} in ('hourly', 'daily')`),
    pgPolicy('notification_preference_tenant', { for: 'all', using: inTenant, withCheck: inTenant }),
    pgPolicy('notification_preference_own', { as: 'restrictive', for: 'all', using: ownRows, withCheck: ownRows }),
  ],
).enableRLS();
