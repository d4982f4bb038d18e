import { inspectSql } from '../../test/db.ts';

/** Writes an override as the operator's script would (past row-level security, as a test's setup does). Takes row uuids. */
export async function overrideFlag(workspaceId: string, flag: string, enabled: boolean, personId: string | null = null) {
  await inspectSql()`insert into flag_override (id, workspace_id, person_id, flag, enabled)
    values (gen_random_uuid(), ${workspaceId}, ${personId}, ${flag}, ${enabled})`;
}
