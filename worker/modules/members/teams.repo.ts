import { and, count, eq, sql } from 'drizzle-orm';
import type { HttpDb } from '../../db/client.ts';
import { team, teamMember } from './members.tables.ts';
import type { Tx } from '../../db/tenant.ts';
import { rowsOf } from './members.repo.ts';
import type { Position } from '../../kernel/cursor.ts';
import { after, type Keyset, keysetOrder, sortValue } from '../keyset.ts';

const teamColumns = { id: team.id, name: team.name, createdAt: team.createdAt, updatedAt: team.updatedAt };

const byName: Keyset = { value: sql`lower(${team.name})`, id: team.id, type: 'text', direction: 'asc' };

/** One page of the current workspace's teams with their sizes, by name: `limit + 1` rows after the position. */
export const selectTeamPage = (db: HttpDb, params: { after: Position | null; limit: number }) =>
  db
    .select({ ...teamColumns, memberCount: count(teamMember.userId), sortValue: sortValue(byName) })
    .from(team)
    .leftJoin(teamMember, eq(teamMember.teamId, team.id))
    .where(after(byName, params.after))
    .groupBy(team.id)
    .orderBy(keysetOrder(byName))
    .limit(params.limit + 1);

export interface TeamWithMembers {
  id: string;
  name: string;
  created_at: string;
  updated_at: string;
  members: Array<{ member_id: string; user_id: string; email: string; name: string; role: string }>;
}

const iso = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** One team and its members (with names, from the workspace directory), as one statement. */
const teamQuery = (id: string) => sql`
    select t.id, t.name, ${iso('t.created_at')} as created_at, ${iso('t.updated_at')} as updated_at,
           coalesce(
             (select json_agg(json_build_object('member_id', m.id, 'user_id', m.user_id, 'email', d.email, 'name', d.name, 'role', m.role)
                              order by lower(d.name), d.email)
                from team_member tm
                join membership m on m.workspace_id = tm.workspace_id and m.user_id = tm.user_id
                join app_private.workspace_directory() d on d.user_id = m.user_id
               where tm.team_id = t.id),
             '[]'::json) as members
      from team t
     where t.id = ${id}`;

export const selectTeam = (db: HttpDb, id: string) => db.execute(teamQuery(id));

export async function selectTeamIn(tx: Tx, id: string): Promise<TeamWithMembers | null> {
  return rowsOf<TeamWithMembers>(await tx.execute(teamQuery(id)))[0] ?? null;
}

export async function insertTeam(tx: Tx, row: typeof team.$inferInsert) {
  const [created] = await tx.insert(team).values(row).returning(teamColumns);
  return created;
}

export async function renameTeam(tx: Tx, id: string, name: string) {
  const [row] = await tx.update(team).set({ name, updatedAt: new Date() }).where(eq(team.id, id)).returning(teamColumns);
  return row ?? null;
}

export async function lockTeam(tx: Tx, id: string) {
  const [row] = await tx.select(teamColumns).from(team).where(eq(team.id, id)).for('update');
  return row ?? null;
}

export async function deleteTeam(tx: Tx, id: string) {
  const rows = await tx.delete(team).where(eq(team.id, id)).returning({ id: team.id, name: team.name });
  return rows[0] ?? null;
}

export async function addTeamMember(tx: Tx, row: { teamId: string; workspaceId: string; userId: string }) {
  const rows = await tx.insert(teamMember).values(row).onConflictDoNothing().returning({ userId: teamMember.userId });
  return rows.length > 0;
}

export async function removeTeamMember(tx: Tx, teamId: string, userId: string) {
  const rows = await tx
    .delete(teamMember)
    .where(and(eq(teamMember.teamId, teamId), eq(teamMember.userId, userId)))
    .returning({ userId: teamMember.userId });
  return rows.length > 0;
}
