import { and, eq, sql } from 'drizzle-orm';
import type { HttpDb } from '../../db/client.ts';
import { currentWorkspaceId, membership } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';
import type { Role } from '../../kernel/actor.ts';
import type { Position } from '../../kernel/cursor.ts';
import { after, type Keyset, keysetOrder, sortValue } from '../keyset.ts';

export interface MemberRow {
  id: string;
  user_id: string;
  role: Role;
  email: string;
  name: string;
  joined_at: string;
  has_avatar: boolean;
  sort_value: string;
}

/** Rows of a raw statement, whichever driver ran it. */
export const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

const isoUtc = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** Members by name; the membership id breaks ties between people of the same name. */
const byName: Keyset = { value: sql`lower(d.name)`, id: sql`m.id`, type: 'text', direction: 'asc' };

/**
 * The current workspace's members with their names and addresses. The explicit workspace filter is
 * needed here: a person also sees their own memberships of other workspaces (`membership_own_read`).
 * Whether each has an avatar comes in the same query, so the list says which pictures to ask for.
 */
const membersQuery = (position: Position | null) => sql`
  select m.id, m.user_id, m.role, d.email, d.name, ${isoUtc('m.created_at')} as joined_at, a.file_id is not null as has_avatar,
         ${sortValue(byName)} as sort_value
    from membership m
    join app_private.workspace_directory() d on d.user_id = m.user_id
    left join app_private.workspace_avatars() a on a.membership_id = m.id
   where m.workspace_id = ${currentWorkspaceId} and ${after(byName, position)}
   order by ${keysetOrder(byName)}`;

/** One page of members: `limit + 1` rows after the position. */
export const selectMemberPage = (db: HttpDb, params: { after: Position | null; limit: number }) =>
  db.execute(sql`${membersQuery(params.after)} limit ${params.limit + 1}`);

/** Every member, inside an open transaction. */
export async function selectMembersIn(tx: Tx): Promise<MemberRow[]> {
  return rowsOf<MemberRow>(await tx.execute(membersQuery(null)));
}

/** One membership of the current workspace, locked until the transaction ends. */
export async function lockMember(tx: Tx, id: string) {
  const [row] = await tx
    .select({ id: membership.id, userId: membership.userId, role: membership.role })
    .from(membership)
    .where(and(eq(membership.id, id), sql`${membership.workspaceId} = ${currentWorkspaceId}`))
    .for('update');
  return row ?? null;
}

/** The caller's own membership of the current workspace, locked. */
export async function lockMemberByUser(tx: Tx, userId: string) {
  const [row] = await tx
    .select({ id: membership.id, userId: membership.userId, role: membership.role })
    .from(membership)
    .where(and(eq(membership.userId, userId), sql`${membership.workspaceId} = ${currentWorkspaceId}`))
    .for('update');
  return row ?? null;
}

/**
 * Every owner of the current workspace, locked: two requests that each take away an owner are
 * serialised here, so they cannot together leave the workspace with none.
 */
export async function lockOwners(tx: Tx) {
  return tx
    .select({ userId: membership.userId })
    .from(membership)
    .where(and(eq(membership.role, 'owner'), sql`${membership.workspaceId} = ${currentWorkspaceId}`))
    .orderBy(membership.id)
    .for('update');
}

export async function updateRole(tx: Tx, id: string, role: Role) {
  await tx.update(membership).set({ role, updatedAt: new Date() }).where(eq(membership.id, id));
}

export async function deleteMember(tx: Tx, id: string) {
  const rows = await tx.delete(membership).where(eq(membership.id, id)).returning({ id: membership.id });
  return rows.length > 0;
}

/** Name and address of one person of the current workspace (null when they are not in it). */
export async function directoryEntry(tx: Tx, userId: string) {
  const result = await tx.execute(sql`select email, name from app_private.workspace_directory() where user_id = ${userId}`);
  return rowsOf<{ email: string; name: string }>(result)[0] ?? null;
}

export async function isMemberEmail(tx: Tx, email: string) {
  const result = await tx.execute(sql`select 1 from app_private.workspace_directory() where email = ${email}`);
  return rowsOf(result).length > 0;
}
