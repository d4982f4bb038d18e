import { sql } from 'drizzle-orm';
import { check, index, pgPolicy, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, inTenant, user, workspace } from '../../db/schema.ts';

// Workspace API keys. Found by drizzle-kit through the `*.tables.ts` glob of drizzle.config.ts.

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
    // The person the key acts for: it resolves only while they are a member of its workspace, with at
    // most their role (docs/decisions/029-credential-authority.md).
    createdBy: uuid('created_by')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
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
