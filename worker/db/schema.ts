import { sql } from 'drizzle-orm';
import {
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
    /** Null for an account that signs in only through a linked identity (OAuth, SSO). */
    passwordHash: text('password_hash'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
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

/**
 * An identity at an outside provider linked to a person, keyed on (provider, subject): `google`,
 * `github`, or `sso:<connection uuid>` for a workspace's OIDC connection. The provider's email is
 * kept only to show which account is linked; it never identifies the person.
 */
export const oauthAccount = pgTable(
  'oauth_account',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    subject: text('subject').notNull(),
    email: text('email'),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('oauth_account_provider_subject_key').on(t.provider, t.subject),
    uniqueIndex('oauth_account_user_provider_key').on(t.userId, t.provider),
    pgPolicy('oauth_account_self', { for: 'select', using: sql`user_id = ${currentUserId}` }),
    pgPolicy('oauth_account_self_link', { for: 'insert', withCheck: sql`user_id = ${currentUserId}` }),
    pgPolicy('oauth_account_self_unlink', { for: 'delete', using: sql`user_id = ${currentUserId}` }),
  ],
).enableRLS();

/**
 * A workspace's enterprise sign-in over OpenID Connect (one per workspace). The client secret is
 * stored sealed with a key derived from APP_SECRET (kernel/secret-box.ts).
 */
export const ssoConnection = pgTable(
  'sso_connection',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspace.id, { onDelete: 'cascade' }),
    issuer: text('issuer').notNull(),
    clientId: text('client_id').notNull(),
    clientSecretSealed: text('client_secret_sealed').notNull(),
    defaultRole: text('default_role', { enum: ['admin', 'member', 'viewer'] }).notNull().default('member'),
    enabled: boolean('enabled').notNull().default(true),
    createdBy: uuid('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('sso_connection_workspace_key').on(t.workspaceId),
    check('sso_connection_default_role_valid', sql`${t.defaultRole} in ('admin', 'member', 'viewer')`),
    pgPolicy('sso_connection_tenant', { for: 'all', using: inTenant, withCheck: inTenant }),
  ],
).enableRLS();

/**
 * An email domain a workspace claims for its SSO connection. It routes sign-ins only once verified
 * (a DNS TXT record holding the token); a verified domain belongs to one workspace at most.
 */
export const ssoDomain = pgTable(
  'sso_domain',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspace.id, { onDelete: 'cascade' }),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => ssoConnection.id, { onDelete: 'cascade' }),
    domain: text('domain').notNull(),
    verificationToken: text('verification_token').notNull(),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('sso_domain_workspace_domain_key').on(t.workspaceId, t.domain),
    uniqueIndex('sso_domain_verified_key').on(t.domain).where(sql`verified_at is not null`),
    check('sso_domain_lowercase', sql`${t.domain} = lower(${t.domain})`),
    pgPolicy('sso_domain_tenant', { for: 'all', using: inTenant, withCheck: inTenant }),
    // SSO sign-in knows the email's domain before it knows the workspace; only verified rows route.
    pgPolicy('sso_domain_lookup_verified', {
      for: 'select',
      using: sql`verified_at is not null and domain = nullif(current_setting('app.sso_domain', true), '')`,
    }),
  ],
).enableRLS();
