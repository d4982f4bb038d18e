import { and, eq, isNull, sql } from 'drizzle-orm';
import type { HttpDb } from '../../db/client.ts';
import { currentWorkspaceId, membership, workspace } from '../../db/schema.ts';
import { invite } from './members.tables.ts';
import type { SystemContext, TransactionSession, Tx } from '../../db/gateway.ts';
import { rowsOf } from './members.repo.ts';
import type { Position } from '../../kernel/cursor.ts';
import { after, type Keyset, keysetOrder, sortValue } from '../keyset.ts';

const pending = and(isNull(invite.acceptedAt), isNull(invite.revokedAt));

export const inviteColumns = {
  id: invite.id,
  email: invite.email,
  role: invite.role,
  invitedBy: invite.invitedBy,
  createdAt: invite.createdAt,
  sentAt: invite.sentAt,
  expiresAt: invite.expiresAt,
};

/**
 * Seats taken in the current workspace, for the plan's member limit: its members and the invitations
 * still open (pending, not expired), so that accepting one never goes over.
 */
export const seatsTaken = sql<number>`(select count(*) from ${membership} where ${membership.workspaceId} = ${currentWorkspaceId})
  + (select count(*) from ${invite} where ${invite.workspaceId} = ${currentWorkspaceId}
     and ${invite.acceptedAt} is null and ${invite.revokedAt} is null and ${invite.expiresAt} > now())`;

const newestFirst: Keyset = { value: invite.createdAt, id: invite.id, type: 'timestamptz', direction: 'desc' };

/** One page of the current workspace's pending invites, newest first: `limit + 1` rows after the position. */
export const selectPendingInvitePage = (db: HttpDb, params: { after: Position | null; limit: number }) =>
  db
    .select({ ...inviteColumns, sortValue: sortValue(newestFirst) })
    .from(invite)
    .where(and(pending, after(newestFirst, params.after)))
    .orderBy(keysetOrder(newestFirst))
    .limit(params.limit + 1);

export async function lockPendingInvite(tx: Tx, id: string) {
  const [row] = await tx
    .select(inviteColumns)
    .from(invite)
    .where(and(eq(invite.id, id), pending))
    .for('update');
  return row ?? null;
}

export async function lockPendingInviteFor(tx: Tx, email: string) {
  const [row] = await tx
    .select({ ...inviteColumns, expired: sql<boolean>`${invite.expiresAt} <= now()` })
    .from(invite)
    .where(and(eq(invite.email, email), pending))
    .for('update');
  return row ?? null;
}

export async function insertInvite(tx: Tx, row: typeof invite.$inferInsert) {
  const [created] = await tx.insert(invite).values(row).returning(inviteColumns);
  return created;
}

export async function renewInvite(tx: Tx, id: string, tokenHash: string, expiresAt: Date) {
  const [row] = await tx
    .update(invite)
    .set({ tokenHash, expiresAt, sentAt: new Date() })
    .where(and(eq(invite.id, id), pending))
    .returning(inviteColumns);
  return row ?? null;
}

export async function revokeInvite(tx: Tx, id: string) {
  const [row] = await tx
    .update(invite)
    .set({ revokedAt: new Date() })
    .where(and(eq(invite.id, id), pending))
    .returning({ id: invite.id, email: invite.email });
  return row ?? null;
}

export async function currentWorkspaceName(tx: Tx) {
  const [row] = await tx.select({ name: workspace.name }).from(workspace).where(sql`${workspace.id} = ${currentWorkspaceId}`);
  return row?.name ?? null;
}

export interface InviteByToken {
  id: string;
  workspace_id: string;
  workspace_slug: string;
  workspace_name: string;
  email: string;
  role: 'admin' | 'member' | 'viewer';
  inviter_name: string | null;
  expires_at: string;
  status: 'pending' | 'expired' | 'accepted' | 'revoked';
}

const findByTokenHash = (tokenHash: string) => sql`
  select i.id, i.workspace_id, w.slug as workspace_slug, w.name as workspace_name, i.email, i.role,
         (select d.name from app_private.workspace_directory() d where d.user_id = i.invited_by) as inviter_name,
         to_char(i.expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as expires_at,
         case when i.revoked_at is not null then 'revoked'
              when i.accepted_at is not null then 'accepted'
              when i.expires_at <= now() then 'expired'
              else 'pending' end as status
    from invite i
    join workspace w on w.id = i.workspace_id and w.deleted_at is null
   where i.token_hash = ${tokenHash}`;

/**
 * The invitee is no member yet, so the tenant policy hides the row: the token's hash opens it
 * (`invite_lookup_by_token`), and the workspace context is then pointed at the invite's workspace,
 * for its name and the inviter's: the context of a request-role system query, set in the same batch.
 */
export const lookupByTokenContext = (tokenHash: string): SystemContext => ({
  role: 'app_request',
  lookup: { invite_token_hash: tokenHash },
  workspace: sql`coalesce((select workspace_id::text from invite where token_hash = ${tokenHash}), '')`,
});

export const lookupByToken = (db: HttpDb, tokenHash: string) => db.execute(findByTokenHash(tokenHash));

/**
 * The same inside an open transaction; leaves the context on the invite's workspace. No row lock:
 * `markAccepted` changes only a row still pending, so of two racing acceptances one wins.
 */
export async function findByToken(tx: Tx, session: TransactionSession, tokenHash: string): Promise<InviteByToken | null> {
  await session.setLookup('invite_token_hash', tokenHash);
  const [found] = rowsOf<{ id: string; workspace_id: string }>(
    await tx.execute(sql`select id, workspace_id from invite where token_hash = ${tokenHash}`),
  );
  await session.setLookup('invite_token_hash', null);
  if (!found) return null;
  await session.enterWorkspace(found.workspace_id);
  return rowsOf<InviteByToken>(await tx.execute(findByTokenHash(tokenHash)))[0] ?? null;
}

export async function markAccepted(tx: Tx, id: string, userId: string) {
  const [row] = await tx
    .update(invite)
    .set({ acceptedAt: new Date(), acceptedBy: userId })
    .where(and(eq(invite.id, id), pending, sql`${invite.expiresAt} > now()`))
    .returning({ id: invite.id });
  return row ?? null;
}

/** Adds the invitee; null when they already are a member (their role then stays as it is). */
export async function insertMembershipIfAbsent(tx: Tx, row: { id: string; workspaceId: string; userId: string; role: string }) {
  const result = await tx.execute(sql`
    insert into membership (id, workspace_id, user_id, role)
    values (${row.id}, ${row.workspaceId}, ${row.userId}, ${row.role})
    on conflict (workspace_id, user_id) do nothing
    returning id`);
  return rowsOf<{ id: string }>(result)[0] ?? null;
}

export async function ownEmail(tx: Tx, userId: string) {
  const result = await tx.execute(sql`select email from "user" where id = ${userId}`);
  return rowsOf<{ email: string }>(result)[0]?.email ?? null;
}

export async function membershipRole(tx: Tx, userId: string) {
  const result = await tx.execute(sql`select role from membership where user_id = ${userId} and workspace_id = ${currentWorkspaceId}`);
  return rowsOf<{ role: string }>(result)[0]?.role ?? null;
}
