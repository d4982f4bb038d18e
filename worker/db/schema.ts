import { sql } from 'drizzle-orm';
import {
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

/**
 * Tenant context is transaction-local (`set_config(…, true)`), so a pooled connection never carries
 * one request's workspace into the next. An unset setting reads as '' after a transaction, hence NULLIF.
 */
export const currentWorkspaceId = sql`nullif(current_setting('app.workspace_id', true), '')::uuid`;
export const currentUserId = sql`nullif(current_setting('app.user_id', true), '')::uuid`;

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

const inTenant = sql`workspace_id = ${currentWorkspaceId}`;

// Identity tables belong to no workspace. RLS binds the request role to the signed-in person;
// sign-up and log-in run as the owner role before anyone is signed in.
export const user = pgTable(
  'user',
  {
    id: uuid('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    /** Set while the account is disabled: every credential of the person stops working at once. */
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('user_email_key').on(t.email),
    check('user_email_lowercase', sql`${t.email} = lower(${t.email})`),
    pgPolicy('user_self', { for: 'all', using: sql`id = ${currentUserId}`, withCheck: sql`id = ${currentUserId}` }),
  ],
).enableRLS();

export const session = pgTable(
  'session',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('session_token_hash_key').on(t.tokenHash),
    index('session_user_idx').on(t.userId),
    pgPolicy('session_self', { for: 'select', using: sql`user_id = ${currentUserId}` }),
    // A person may revoke their own live sessions and nothing else: the request role's only write
    // grant on this table is UPDATE (revoked_at), a revoked row is no longer a target, and the new
    // row must stay theirs and revoked.
    pgPolicy('session_self_revoke', {
      for: 'update',
      using: sql`user_id = ${currentUserId} and revoked_at is null`,
      withCheck: sql`user_id = ${currentUserId} and revoked_at is not null`,
    }),
  ],
).enableRLS();

export const workspace = pgTable(
  'workspace',
  {
    id: uuid('id').primaryKey(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('workspace_slug_key').on(t.slug).where(sql`deleted_at is null`),
    pgPolicy('workspace_current', {
      for: 'all',
      using: sql`id = ${currentWorkspaceId}`,
      withCheck: sql`id = ${currentWorkspaceId}`,
    }),
    pgPolicy('workspace_member_read', {
      for: 'select',
      using: sql`exists (select 1 from membership m where m.workspace_id = workspace.id and m.user_id = ${currentUserId})`,
    }),
  ],
).enableRLS();

export const membership = pgTable(
  'membership',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspace.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['owner', 'admin', 'member', 'viewer'] }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('membership_workspace_user_key').on(t.workspaceId, t.userId),
    index('membership_user_idx').on(t.userId),
    check('membership_role_valid', sql`${t.role} in ('owner', 'admin', 'member', 'viewer')`),
    pgPolicy('membership_tenant', { for: 'all', using: inTenant, withCheck: inTenant }),
    pgPolicy('membership_own_read', { for: 'select', using: sql`user_id = ${currentUserId}` }),
  ],
).enableRLS();

export const apiKey = pgTable(
  'api_key',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspace.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    role: text('role', { enum: ['owner', 'admin', 'member', 'viewer'] }).notNull(),
    createdBy: uuid('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('api_key_hash_key').on(t.keyHash),
    index('api_key_workspace_idx').on(t.workspaceId, t.createdAt),
    check('api_key_role_valid', sql`${t.role} in ('admin', 'member', 'viewer')`),
    pgPolicy('api_key_tenant', { for: 'all', using: inTenant, withCheck: inTenant }),
    // Credential resolution knows the key's hash before it knows the workspace.
    pgPolicy('api_key_lookup_by_hash', {
      for: 'select',
      using: sql`key_hash = nullif(current_setting('app.api_key_hash', true), '')`,
    }),
  ],
).enableRLS();

export const project = pgTable(
  'project',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspace.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    status: text('status', { enum: ['active', 'archived'] })
      .notNull()
      .default('active'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    index('project_workspace_created_idx')
      .on(t.workspaceId, t.createdAt, t.id)
      .where(sql`deleted_at is null`),
    index('project_workspace_name_idx').on(t.workspaceId, t.name, t.id).where(sql`deleted_at is null`),
    check('project_status_valid', sql`${t.status} in ('active', 'archived')`),
    pgPolicy('project_tenant', { for: 'all', using: inTenant, withCheck: inTenant }),
  ],
).enableRLS();

export const idempotencyKey = pgTable(
  'idempotency_key',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspace.id, { onDelete: 'cascade' }),
    actorId: text('actor_id').notNull(),
    route: text('route').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    responseBody: text('response_body').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.actorId, t.route, t.key] }),
    index('idempotency_key_expires_idx').on(t.expiresAt),
    pgPolicy('idempotency_key_tenant', { for: 'all', using: inTenant, withCheck: inTenant }),
    // Expired keys are garbage for everyone; the purge job needs no tenant context to remove them.
    pgPolicy('idempotency_key_purge_expired', { for: 'delete', using: sql`expires_at < now()` }),
  ],
).enableRLS();

/**
 * Append-only: the request role may insert and read, never update or delete (grants and the absence
 * of policies for those commands both enforce it). `workspace_id` is null only for account events
 * (sign-up, log-in, log-out) that belong to no workspace; those are readable by the person alone.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').references(() => workspace.id, { onDelete: 'cascade' }),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_log_workspace_idx').on(t.workspaceId, t.createdAt),
    pgPolicy('audit_log_tenant_read', { for: 'select', using: inTenant }),
    pgPolicy('audit_log_tenant_insert', { for: 'insert', withCheck: inTenant }),
    pgPolicy('audit_log_account_insert', {
      for: 'insert',
      withCheck: sql`workspace_id is null and (actor_id is null or actor_id = ${currentUserId}::text)`,
    }),
    pgPolicy('audit_log_account_read', {
      for: 'select',
      using: sql`workspace_id is null and actor_type = 'user' and actor_id = ${currentUserId}::text`,
    }),
  ],
).enableRLS();

/**
 * An export of a workspace's audit log to object storage, written by the `audit-log.export` job.
 * The object lives at `object_key` until `expires_at` (7 days after it was written).
 */
export const auditExport = pgTable(
  'audit_export',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspace.id, { onDelete: 'cascade' }),
    requestedBy: uuid('requested_by').references(() => user.id, { onDelete: 'set null' }),
    status: text('status', { enum: ['pending', 'running', 'done', 'failed'] })
      .notNull()
      .default('pending'),
    objectKey: text('object_key'),
    rowCount: integer('row_count'),
    error: text('error'),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [
    index('audit_export_workspace_created_idx').on(t.workspaceId, t.createdAt),
    check('audit_export_status_valid', sql`${t.status} in ('pending', 'running', 'done', 'failed')`),
    pgPolicy('audit_export_tenant', { for: 'all', using: inTenant, withCheck: inTenant }),
  ],
).enableRLS();

// Background jobs (queues/). Not tenant tables: they record system work across tenants. RLS is
// enabled with no policy and the request role holds no grant, so request SQL can neither read nor
// write them; the owner connection used by the queue consumer and the cron writes them.

/** One row per execution: each queue delivery of a job, and each job a cron trigger enqueued. */
export const jobRun = pgTable(
  'job_run',
  {
    id: uuid('id').primaryKey(),
    job: text('job').notNull(),
    source: text('source', { enum: ['queue', 'cron'] }).notNull(),
    status: text('status', { enum: ['running', 'succeeded', 'failed'] }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    error: text('error'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('job_run_job_started_idx').on(t.job, t.startedAt),
    check('job_run_source_valid', sql`${t.source} in ('queue', 'cron')`),
    check('job_run_status_valid', sql`${t.status} in ('running', 'succeeded', 'failed')`),
  ],
).enableRLS();

/**
 * Messages the consumer gave up on: invalid ones at once, failing ones after their last attempt, and
 * whatever the platform moved to the dead-letter queue. One row per queue message, so a redelivery
 * of a message already stored changes nothing.
 */
export const jobDeadLetter = pgTable(
  'job_dead_letter',
  {
    id: uuid('id').primaryKey(),
    messageId: text('message_id').notNull(),
    job: text('job'),
    version: integer('version'),
    payload: jsonb('payload'),
    reason: text('reason', { enum: ['invalid', 'exhausted', 'undeliverable'] }).notNull(),
    error: text('error').notNull(),
    attempts: integer('attempts').notNull(),
    failedAt: timestamp('failed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('job_dead_letter_message_key').on(t.messageId),
    index('job_dead_letter_failed_idx').on(t.failedAt),
    check('job_dead_letter_reason_valid', sql`${t.reason} in ('invalid', 'exhausted', 'undeliverable')`),
  ],
).enableRLS();

// Tokens for CLIs and mobile apps (docs/decisions/019-access-and-refresh-tokens.md). A family is one
// sign-in through POST /auth/token; its refresh tokens rotate on every use, and presenting one that
// was already rotated revokes the whole family. Access tokens (JWTs) name their family, so revoking
// it ends them at once. Only the owner role (token grants, credential resolution) touches these.
export const tokenFamily = pgTable(
  'token_family',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    /** Absolute end of the family: rotation never extends it. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokeReason: text('revoke_reason'),
  },
  (t) => [
    index('token_family_user_idx').on(t.userId),
    pgPolicy('token_family_self', { for: 'select', using: sql`user_id = ${currentUserId}` }),
  ],
).enableRLS();

export const refreshToken = pgTable(
  'refresh_token',
  {
    id: uuid('id').primaryKey(),
    familyId: uuid('family_id')
      .notNull()
      .references(() => tokenFamily.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    /** Set when the token was exchanged for its successor; a second exchange is reuse. */
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('refresh_token_hash_key').on(t.tokenHash), index('refresh_token_family_idx').on(t.familyId)],
).enableRLS();

/**
 * A person's personal access token (docs/decisions/020-personal-access-tokens.md): acts as its user
 * with at most its scopes, until it expires or is revoked. Only the SHA-256 of the token is stored.
 */
export const personalAccessToken = pgTable(
  'personal_access_token',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull(),
    scopes: text('scopes').array().notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('personal_access_token_hash_key').on(t.tokenHash),
    index('personal_access_token_user_idx').on(t.userId, t.createdAt),
    check('personal_access_token_scopes_valid', sql`${t.scopes} <@ array['read', 'write']::text[] and cardinality(${t.scopes}) > 0`),
    pgPolicy('personal_access_token_self_read', { for: 'select', using: sql`user_id = ${currentUserId}` }),
    pgPolicy('personal_access_token_self_insert', { for: 'insert', withCheck: sql`user_id = ${currentUserId}` }),
    // Like sessions: a person may revoke their own live tokens, never un-revoke one.
    pgPolicy('personal_access_token_self_revoke', {
      for: 'update',
      using: sql`user_id = ${currentUserId} and revoked_at is null`,
      withCheck: sql`user_id = ${currentUserId} and revoked_at is not null`,
    }),
  ],
).enableRLS();
