import { sql } from 'drizzle-orm';
import { boolean, foreignKey, pgPolicy, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, currentUserId, inTenant, membership, updatedAt, workspace } from '../../db/schema.ts';

/**
 * A person's own overrides are theirs to see: the request role reads the workspace's overrides and
 * the signed-in person's, never another member's. The owner (the operator's `npm run flags`) is held
 * to the workspace in context only.
 */
const workspaceOrOwn = sql`person_id is null or current_user <> 'app_request' or person_id = ${currentUserId}`;

/**
 * The operator's override of one feature flag (docs/decisions/073-feature-flags.md): for a whole
 * workspace (`person_id` null) or for one member in it. It goes with the membership and with the
 * workspace. `flag` is a name some module declares; a name no module declares any more is ignored.
 */
export const flagOverride = pgTable(
  'flag_override',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspace.id, { onDelete: 'cascade' }),
    personId: uuid('person_id'),
    flag: text('flag').notNull(),
    enabled: boolean('enabled').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({ columns: [t.workspaceId, t.personId], foreignColumns: [membership.workspaceId, membership.userId] }).onDelete('cascade'),
    unique('flag_override_key').on(t.workspaceId, t.flag, t.personId).nullsNotDistinct(),
    pgPolicy('flag_override_tenant', { for: 'all', using: inTenant, withCheck: inTenant }),
    pgPolicy('flag_override_own', { as: 'restrictive', for: 'all', using: workspaceOrOwn, withCheck: workspaceOrOwn }),
  ],
).enableRLS();
