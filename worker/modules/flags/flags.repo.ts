import { and, eq, isNull, or, type SQL } from 'drizzle-orm';
import type { HttpDb } from '../../db/gateway.ts';
import { currentUserId } from '../../db/schema.ts';
import { flagOverride } from './flags.tables.ts';

// The workspace is the one in context (RLS, policy flag_override_tenant); the person is the signed-in one,
// and an API key, which is nobody, gets the workspace's overrides only.
const forThisPerson = or(isNull(flagOverride.personId), eq(flagOverride.personId, currentUserId)) as SQL;

const overrideColumns = { flag: flagOverride.flag, personId: flagOverride.personId, enabled: flagOverride.enabled };

/** The overrides that apply to the signed-in person in the workspace: theirs and the workspace's. */
export const selectOverrides = (db: HttpDb) => db.select(overrideColumns).from(flagOverride).where(forThisPerson);

/** The same, for one flag. */
export const selectOverridesOf = (db: HttpDb, flag: string) =>
  db
    .select(overrideColumns)
    .from(flagOverride)
    .where(and(eq(flagOverride.flag, flag), forThisPerson));
