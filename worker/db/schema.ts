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

/**
 * Tenant context is transaction-local (`set_config(…, true)`), so a pooled connection never carries
 * one request's workspace into the next. An unset setting reads as '' after a transaction, hence NULLIF.
 */
export const currentWorkspaceId = sql`nullif(current_setting('app.workspace_id', true), '')::uuid`;
export const currentUserId = sql`nullif(current_setting('app.user_id', true), '')::uuid`;

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** The standard tenant policy's condition: the row belongs to the workspace in context. */
export const inTenant = sql`workspace_id = ${currentWorkspaceId}`;

const purgeDue = sql`deleted_at < nullif(current_setting('app.purge_before', true), '')::timestamptz`;

/**
 * An export is due for purge once its file has expired; one that never finished (failed, or its job
 * died) once it is as old as a finished file is kept (7 days, the retention of both kinds). The
 * cutoff is the one the purge declares in `app.purge_before`; without it nothing is due.
 */
export const exportPurgeDue = sql`coalesce(expires_at, created_at + interval '7 days') < nullif(current_setting('app.purge_before', true), '')::timestamptz`;

/** The export purge's cutoff, declared in `app.purge_before` by the job's context: now. */
export const exportPurgeContext = { purge_before: sql`now()::text` };

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
    /** When the person proved they receive mail at `email`; null until then. */
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    /** Set while the account is disabled: every credential of the person stops working at once. */
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    /**
     * The person's avatar: a clean image they uploaded to one of their workspaces (ADR 061). Both or
     * neither; the files capability adds the reference to `file (workspace_id, id)`, which clears both
     * when the file goes.
     */
    avatarWorkspaceId: uuid('avatar_workspace_id'),
    avatarFileId: uuid('avatar_file_id'),
  },
  (t) => [
    uniqueIndex('user_email_key').on(t.email),
    check('user_email_lowercase', sql`${t.email} = lower(${t.email})`),
    check('user_avatar_both_or_neither', sql`(${t.avatarWorkspaceId} is null) = (${t.avatarFileId} is null)`),
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
    /** When the person last proved who they are on this session (log-in or password confirmation). */
    reauthenticatedAt: timestamp('reauthenticated_at', { withTimezone: true }),
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
    /** Read-only while set (billing or an operator sets it): reads work, writes answer WORKSPACE_SUSPENDED. */
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
    /** The workspace's logo, a stored file; the files capability adds the reference to its table. */
    logoFileId: uuid('logo_file_id'),
    /** Set once, by the activation listener, when the workspace first reaches its activation goal. */
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    /** A sample workspace opened from onboarding; never counts towards activation. */
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    uniqueIndex('workspace_slug_key').on(t.slug).where(sql`deleted_at is null`),
    index('workspace_deleted_idx').on(t.deletedAt).where(sql`deleted_at is not null`),
    // The purge job declares its cutoff transaction-locally; only workspaces deleted before it are
    // admitted, so the job needs no workspace context and can reach nothing live.
    pgPolicy('workspace_purge_due_read', { for: 'select', using: purgeDue }),
    pgPolicy('workspace_purge_due_delete', { for: 'delete', using: purgeDue }),
    pgPolicy('workspace_current', {
      for: 'all',
      using: sql`id = ${currentWorkspaceId}`,
      withCheck: sql`id = ${currentWorkspaceId}`,
    }),
    pgPolicy('workspace_member_read', {
      for: 'select',
      using: sql`exists (select 1 from membership m where m.workspace_id = workspace.id and m.user_id = ${currentUserId})`,
    }),
    // An operator's script (`npm run flags`) names the live workspace it acts on by slug,
    // transaction-locally; the request role never finds one this way.
    pgPolicy('workspace_operator_read', {
      for: 'select',
      using: sql`current_user <> 'app_request' and deleted_at is null and slug = nullif(current_setting('app.operator_slug', true), '')`,
    }),
  ],
).enableRLS();

/**
 * Slugs a workspace had before a rename. A path naming an old slug still reaches the workspace for
 * its members and keys, unless the slug is some workspace's current slug for the caller.
 */
export const workspaceSlugAlias = pgTable(
  'workspace_slug_alias',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspace.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.slug] }),
    index('workspace_slug_alias_slug_idx').on(t.slug),
    pgPolicy('workspace_slug_alias_tenant', { for: 'all', using: inTenant, withCheck: inTenant }),
    pgPolicy('workspace_slug_alias_member_read', {
      for: 'select',
      using: sql`exists (select 1 from membership m where m.workspace_id = workspace_slug_alias.workspace_id and m.user_id = ${currentUserId})`,
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
    // System work that outlives a workspace (its purge) is recorded outside it; the request role never may.
    pgPolicy('audit_log_system_insert', {
      for: 'insert',
      withCheck: sql`workspace_id is null and actor_type = 'system' and current_user <> 'app_request'`,
    }),
    pgPolicy('audit_log_account_read', {
      for: 'select',
      using: sql`workspace_id is null and actor_type = 'user' and actor_id = ${currentUserId}::text`,
    }),
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
 * One row per cron job and scheduled time. The trigger claims the row before it enqueues, so a
 * trigger fired twice for the same period enqueues the job once; the consumer records when the
 * work started, how long it took and how it ended, and skips a redelivery of a run that succeeded.
 */
export const cronRun = pgTable(
  'cron_run',
  {
    id: uuid('id').primaryKey(),
    job: text('job').notNull(),
    cron: text('cron').notNull(),
    scheduledTime: timestamp('scheduled_time', { withTimezone: true }).notNull(),
    status: text('status', { enum: ['enqueued', 'running', 'succeeded', 'failed'] }).notNull(),
    /** The job message's id: the consumer finds the run by it. */
    messageId: uuid('message_id').notNull(),
    enqueuedAt: timestamp('enqueued_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    durationMs: integer('duration_ms'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
  },
  (t) => [
    uniqueIndex('cron_run_job_period_uq').on(t.job, t.scheduledTime),
    uniqueIndex('cron_run_message_uq').on(t.messageId),
    index('cron_run_scheduled_idx').on(t.scheduledTime),
    check('cron_run_status_valid', sql`${t.status} in ('enqueued', 'running', 'succeeded', 'failed')`),
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
 * A job of a workspace that failed on its last attempt (its message is also in `job_dead_letter`,
 * the platform's record; the consumer writes both in one transaction). The workspace's admins see it and may send it again, once.
 */
export const jobFailure = pgTable(
  'job_failure',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspace.id, { onDelete: 'cascade' }),
    /** The queue's message id, as in `job_dead_letter`: storing a redelivery twice keeps one row. */
    messageId: text('message_id').notNull(),
    job: text('job').notNull(),
    version: integer('version').notNull(),
    /** What a retry sends again; never shown through the API. */
    payload: jsonb('payload').notNull(),
    error: text('error').notNull(),
    attempts: integer('attempts').notNull(),
    failedAt: timestamp('failed_at', { withTimezone: true }).notNull().defaultNow(),
    retriedAt: timestamp('retried_at', { withTimezone: true }),
    retriedBy: uuid('retried_by').references(() => user.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('job_failure_message_key').on(t.messageId),
    index('job_failure_workspace_failed_idx').on(t.workspaceId, t.failedAt),
    pgPolicy('job_failure_tenant', { for: 'all', using: inTenant, withCheck: inTenant }),
  ],
).enableRLS();

/**
 * A background job people can watch: an import, an export. Written by the request that starts it
 * (queued) and advanced by the queue job that does the work, which moves `progress` (and, for a
 * chunked job, its resume point) in the same transaction as each chunk's writes. `status`:
 * queued → running → succeeded | failed | cancelled. `cancel_requested` is a request: the job stops
 * at its next step and marks itself cancelled. `params` is what the job needs to resume (never
 * shown); `result` is what a person reads once it ends (counts, a per-row error report).
 */
const personalJob = sql`workspace_id is null and user_id = ${currentUserId}`;

export const job = pgTable(
  'job',
  {
    id: uuid('id').primaryKey(),
    /** The workspace the job belongs to; null for a person's own job (`user_id`), such as their data export. */
    workspaceId: uuid('workspace_id').references(() => workspace.id, { onDelete: 'cascade' }),
    /** The person a job outside any workspace belongs to (exactly one of the two is set). */
    userId: uuid('user_id').references(() => user.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    status: text('status', { enum: ['queued', 'running', 'succeeded', 'failed', 'cancelled'] })
      .notNull()
      .default('queued'),
    progress: integer('progress').notNull().default(0),
    total: integer('total'),
    /** What it is doing now, in a few words ("rows 1,001–2,000"). */
    current: text('current'),
    params: jsonb('params').notNull().default({}),
    result: jsonb('result'),
    error: text('error'),
    startedBy: uuid('started_by').references(() => user.id, { onDelete: 'set null' }),
    cancelRequested: boolean('cancel_requested').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('job_workspace_created_idx').on(t.workspaceId, t.createdAt),
    index('job_user_created_idx').on(t.userId, t.createdAt),
    check('job_status_valid', sql`${t.status} in ('queued', 'running', 'succeeded', 'failed', 'cancelled')`),
    check('job_progress_valid', sql`${t.progress} >= 0 and (${t.total} is null or ${t.progress} <= ${t.total})`),
    check('job_one_owner', sql`(${t.workspaceId} is null) <> (${t.userId} is null)`),
    pgPolicy('job_tenant', { for: 'all', using: inTenant, withCheck: inTenant }),
    // A person's own job (no workspace): only that person sees and advances it, as for `personal_export`.
    pgPolicy('job_self', { for: 'all', using: personalJob, withCheck: personalJob }),
  ],
).enableRLS();

/**
 * A person's export of their own data (GDPR access/portability), written by the
 * `personal-data.export` job as one JSON archive in object storage. An identity table like
 * `session`: it belongs to a person, not a workspace, and the request role sees only its own rows.
 * The export's artefact only: its status, progress and error are its `job` (same id, `user_id` set).
 */
export const personalExport = pgTable(
  'personal_export',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    /** Set once the archive is written. */
    objectKey: text('object_key'),
    sizeBytes: integer('size_bytes'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [
    index('personal_export_user_created_idx').on(t.userId, t.createdAt),
    pgPolicy('personal_export_self', {
      for: 'all',
      using: sql`user_id = ${currentUserId}`,
      withCheck: sql`user_id = ${currentUserId}`,
    }),
  ],
).enableRLS();

// Second factors (TOTP, backup codes) and passkeys belong to a person, not a workspace: RLS binds
// the request role to the signed-in person, as for sessions. Sign-in (before anyone is signed in)
// reads and writes them as the owner role.

/**
 * A person's TOTP authenticator. `secret` is AES-GCM ciphertext (worker/modules/mfa/totp.ts), never
 * the secret itself. A row with `confirmed_at` null is an enrolment that has not been confirmed
 * with a code yet and protects nothing. `last_used_step` is the newest time step accepted, so a
 * code is never accepted twice.
 */
export const totpCredential = pgTable(
  'totp_credential',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => user.id, { onDelete: 'cascade' }),
    secret: text('secret').notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    lastUsedStep: bigint('last_used_step', { mode: 'number' }),
    createdAt: createdAt(),
  },
  () => [
    pgPolicy('totp_credential_self', { for: 'all', using: sql`user_id = ${currentUserId}`, withCheck: sql`user_id = ${currentUserId}` }),
  ],
).enableRLS();

/** One-time recovery codes, stored as keyed hashes; regenerating deletes the whole previous set. */
export const backupCode = pgTable(
  'backup_code',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('backup_code_user_hash_key').on(t.userId, t.codeHash),
    pgPolicy('backup_code_self', { for: 'all', using: sql`user_id = ${currentUserId}`, withCheck: sql`user_id = ${currentUserId}` }),
  ],
).enableRLS();

/**
 * A sign-in that proved the first factor and waits for the second: the browser holds the token in
 * an HttpOnly cookie, the row holds its hash. Consumed once, burnt after too many wrong codes,
 * dead after `expires_at`. Only the owner role (sign-in) touches it; the request role has no grant.
 */
export const signInChallenge = pgTable(
  'sign_in_challenge',
  {
    id: uuid('id').primaryKey(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    method: text('method').notNull(),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
    burntAt: timestamp('burnt_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('sign_in_challenge_token_hash_key').on(t.tokenHash),
    index('sign_in_challenge_user_idx').on(t.userId),
    // The sign-in-state purge (queues/housekeeping.repo.ts) finds dead rows by expiry.
    index('sign_in_challenge_expires_idx').on(t.expiresAt),
  ],
).enableRLS();

/** A WebAuthn credential (passkey) a person registered. `public_key` is the COSE key, base64url. */
export const passkey = pgTable(
  'passkey',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    credentialId: text('credential_id').notNull(),
    publicKey: text('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: jsonb('transports').$type<string[]>().notNull().default([]),
    name: text('name').notNull(),
    deviceType: text('device_type').notNull(),
    backedUp: boolean('backed_up').notNull().default(false),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('passkey_credential_id_key').on(t.credentialId),
    index('passkey_user_idx').on(t.userId),
    pgPolicy('passkey_self', { for: 'all', using: sql`user_id = ${currentUserId}`, withCheck: sql`user_id = ${currentUserId}` }),
  ],
).enableRLS();

/**
 * A WebAuthn challenge, single use. Registration binds it to the session that asked for it
 * (`session_id`); passkey sign-in, before there is a session, binds it to the hash of a token held
 * in an HttpOnly cookie (`binding_hash`).
 */
export const webauthnChallenge = pgTable(
  'webauthn_challenge',
  {
    id: uuid('id').primaryKey(),
    purpose: text('purpose', { enum: ['registration', 'authentication'] }).notNull(),
    challenge: text('challenge').notNull(),
    userId: uuid('user_id').references(() => user.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id').references(() => session.id, { onDelete: 'cascade' }),
    bindingHash: text('binding_hash'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('webauthn_challenge_challenge_key').on(t.challenge),
    index('webauthn_challenge_expires_idx').on(t.expiresAt),
    check('webauthn_challenge_purpose_valid', sql`${t.purpose} in ('registration', 'authentication')`),
    check(
      'webauthn_challenge_bound',
      sql`(${t.purpose} = 'registration' and ${t.sessionId} is not null and ${t.userId} is not null) or (${t.purpose} = 'authentication' and ${t.bindingHash} is not null)`,
    ),
    pgPolicy('webauthn_challenge_self', { for: 'all', using: sql`user_id = ${currentUserId}`, withCheck: sql`user_id = ${currentUserId}` }),
  ],
).enableRLS();

// Email identity (modules/email-auth). Neither is a tenant table and the request role holds no
// grant on them: they are read and written before anyone is signed in, by the owner connection.

/**
 * Single-use tokens mailed to a person: email verification, password reset, magic link. Only the
 * SHA-256 of a token is stored; a token is bound to its purpose, its user and the address it was
 * sent to, and is spent by one conditional UPDATE … RETURNING.
 */
export const emailToken = pgTable(
  'email_token',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    purpose: text('purpose', { enum: ['verify_email', 'password_reset', 'magic_link', 'email_change'] }).notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('email_token_hash_key').on(t.tokenHash),
    index('email_token_user_idx').on(t.userId, t.purpose),
    index('email_token_expires_idx').on(t.expiresAt),
    check('email_token_purpose_valid', sql`${t.purpose} in ('verify_email', 'password_reset', 'magic_link', 'email_change')`),
  ],
).enableRLS();

/**
 * Failed log-ins per address (the SHA-256 of the lower-cased email, whether or not an account has
 * it, so a lockout says nothing about who has an account). `failures` counts within the hour that
 * began at `window_started_at`; the tenth locks the address until that hour ends.
 */
export const loginThrottle = pgTable(
  'login_throttle',
  {
    emailHash: text('email_hash').primaryKey(),
    failures: integer('failures').notNull(),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
  },
  (t) => [index('login_throttle_window_idx').on(t.windowStartedAt)],
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
    defaultRole: text('default_role', { enum: ['admin', 'member', 'viewer'] })
      .notNull()
      .default('member'),
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

// Tokens for CLIs and mobile apps (docs/decisions/019-access-and-refresh-tokens.md). A family is one
// sign-in through POST /auth/token; its refresh tokens rotate on every use, and presenting one that
// was already rotated revokes the whole family. Access tokens (JWTs) name their family, so revoking
// it ends them at once. The owner role (token grants, credential resolution) writes these; the
// request role lists its person's families beside their sessions and may only revoke them.
export const tokenFamily = pgTable(
  'token_family',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /** The `client_id` the app named at sign-in, if any: shown to the person, never trusted. */
    clientName: text('client_name'),
    createdAt: createdAt(),
    /** Sign-in and every refresh; null for families from before the column existed. */
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    /** Absolute end of the family: rotation never extends it. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokeReason: text('revoke_reason'),
  },
  (t) => [
    index('token_family_user_idx').on(t.userId),
    pgPolicy('token_family_self', { for: 'select', using: sql`user_id = ${currentUserId}` }),
    // Like sessions: a person may revoke their own live families (Settings -> Sessions, or as part
    // of a password change or turning on a second factor), never un-revoke one.
    pgPolicy('token_family_self_revoke', {
      for: 'update',
      using: sql`user_id = ${currentUserId} and revoked_at is null`,
      withCheck: sql`user_id = ${currentUserId} and revoked_at is not null`,
    }),
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
