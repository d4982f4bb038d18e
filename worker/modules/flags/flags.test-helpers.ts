import { setContextText } from '../../db/context.ts';
import { ownerSql } from '../../test/db.ts';

/** Writes an override as the operator's script does: as the owner, with the workspace in context. Takes row uuids. */
export async function overrideFlag(workspaceId: string, flag: string, enabled: boolean, personId: string | null = null) {
  const sql = ownerSql();
  await sql.transaction([
    sql.query(setContextText('workspace_id'), [workspaceId]),
    sql`insert into flag_override (id, workspace_id, person_id, flag, enabled)
        values (gen_random_uuid(), ${workspaceId}, ${personId}, ${flag}, ${enabled})`,
  ]);
}
