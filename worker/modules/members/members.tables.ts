import { sql } from 'drizzle-orm';
import { check, foreignKey, index, pgPolicy, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt, inTenant, user, workspace, membership } from '../../db/schema.ts';

// Invitations and teams. Memberships are a core table: every tenant check reads them.

const inviteLongExpired = sql`accepted_at is null and revoked_at is null and expires_at < now() - interval '30 days'`;

/**
 * An invitation to join a workspace with a role. Only the token's SHA-256 is stored; the role lives
 * here, so the link carries nothing that could be changed. At most one pending invite per address
 * and workspace. Pending = not accepted, not revoked (expiry is checked when it is used).
 */
export const invite = pgTable(
  'invite',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspace.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role', { enum: ['admin', 'member', 'viewer'] }).notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by').references(() => user.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('invite_token_hash_key').on(t.tokenHash),
    uniqueIndex('invite_pending_email_key').on(t.workspaceId, t.email).where(sql`accepted_at is null and revoked_at is null`),
    index('invite_workspace_created_idx').on(t.workspaceId, t.createdAt),
    check('invite_role_valid', sql`${t.role} in ('admin', 'member', 'viewer')`),
    check('invite_email_lowercase', sql`${t.email} = lower(${t.email})`),
    pgPolicy('invite_tenant', { for: 'all', using: inTenant, withCheck: inTenant }),
    // Only a pending invite expired for 30 days is ever deleted: by the purge, which runs with no
    // workspace set (docs/decisions/027). Accepted and revoked ones stay, for the link page to name.
    pgPolicy('invite_purge_long_expired', { for: 'delete', using: inviteLongExpired }),
    pgPolicy('invite_delete_only_long_expired', { as: 'restrictive', for: 'delete', using: inviteLongExpired }),
    // The invitee is not a member yet: the link's token hash is what finds the row.
    pgPolicy('invite_lookup_by_token', {
      for: 'select',
      using: sql`token_hash = nullif(current_setting('app.invite_token_hash', true), '')`,
    }),
  ],
).enableRLS();

/** A group of members inside one workspace (one level: teams do not nest). */
export const team = pgTable(
  'team',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspace.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('team_workspace_name_key').on(t.workspaceId, sql`lower(${t.name})`),
    // Lets team_member reference (team, workspace) together, so a place can never cross workspaces.
    unique('team_id_workspace_key').on(t.id, t.workspaceId),
    pgPolicy('team_tenant', { for: 'all', using: inTenant, withCheck: inTenant }),
  ],
).enableRLS();

/**
 * A member's place in a team. It references the membership itself, so removing someone from the
 * workspace (or deleting the team) takes their team places with it.
 */
export const teamMember = pgTable(
  'team_member',
  {
    teamId: uuid('team_id').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    userId: uuid('user_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.userId] }),
    foreignKey({
      name: 'team_member_team_fk',
      columns: [t.teamId, t.workspaceId],
      foreignColumns: [team.id, team.workspaceId],
    }).onDelete('cascade'),
    foreignKey({
      name: 'team_member_membership_fk',
      columns: [t.workspaceId, t.userId],
      foreignColumns: [membership.workspaceId, membership.userId],
    }).onDelete('cascade'),
    index('team_member_workspace_user_idx').on(t.workspaceId, t.userId),
    pgPolicy('team_member_tenant', { for: 'all', using: inTenant, withCheck: inTenant }),
  ],
).enableRLS();
