import { type Database, type QueryBuilder, type Statement, system, type TenantGateway } from '../../db/gateway.ts';
import type { Bus } from '../../kernel/bus.ts';
import './members.events.ts';
import { sha256Hex } from '../../kernel/crypto.ts';
import { cursorPage, pagePosition } from '../../kernel/cursor.ts';
import { AppError } from '../../kernel/errors.ts';
import type { PageQuery } from '../router.ts';
import { newUuid, toPublicId } from '../../kernel/ids.ts';
import { assertCan } from '../access.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { type InviteDeps, newInviteToken, sendInviteEmail, takeInviteAllowance } from './invite-delivery.ts';
import * as repo from './invites.repo.ts';
import { rowsOf } from './members.repo.ts';
import { inviteIds } from './members.ids.ts';

export type InviteRole = 'admin' | 'member' | 'viewer';

export const inviteDto = (i: {
  id: string;
  email: string;
  role: string;
  invitedBy: string | null;
  createdAt: Date;
  sentAt: Date;
  expiresAt: Date;
}) => ({
  id: inviteIds.toPublic(i.id),
  email: i.email,
  role: i.role as InviteRole,
  invited_by: i.invitedBy ? toPublicId('user', i.invitedBy) : null,
  created_at: i.createdAt.toISOString(),
  sent_at: i.sentAt.toISOString(),
  expires_at: i.expiresAt.toISOString(),
  expired: i.expiresAt.getTime() <= Date.now(),
});

export async function listInvites(gateway: TenantGateway, query: PageQuery, secret: string) {
  const after = await pagePosition(secret, 'invites', query.cursor);
  const { scope, result } = await gateway.read((http) => repo.selectPendingInvitePage(http, { after, limit: query.limit }));
  assertCan(scope, 'invite:read');
  return cursorPage(
    result,
    { secret, query: 'invites', limit: query.limit, position: (i) => ({ value: i.sortValue, id: i.id }) },
    inviteDto,
  );
}

/** A new token (the old link stops working) and seven more days, sent again. */
export async function resendInvite(gateway: TenantGateway, deps: InviteDeps, publicId: string, context: AuditContext) {
  const id = inviteIds.require(publicId, 'Invite');
  return gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'invite:resend');
    const found = await repo.lockPendingInvite(tx, id);
    if (!found) throw new AppError('NOT_FOUND', 'Invite not found');
    await takeInviteAllowance(deps, workspaceId);
    const { token, tokenHash, expiresAt } = await newInviteToken();
    const renewed = await repo.renewInvite(tx, id, tokenHash, expiresAt);
    if (!renewed) throw new AppError('NOT_FOUND', 'Invite not found');
    await recordAudit(
      tx,
      { workspaceId, actor: scope.actor, action: 'invite.resent', target: { type: 'invite', id }, metadata: { email: renewed.email } },
      context,
    );
    await sendInviteEmail(tx, deps, { email: renewed.email, role: renewed.role, token, invitedBy: renewed.invitedBy });
    return inviteDto(renewed);
  });
}

export async function revokeInvite(gateway: TenantGateway, publicId: string, context: AuditContext) {
  const id = inviteIds.require(publicId, 'Invite');
  await gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'invite:revoke');
    const revoked = await repo.revokeInvite(tx, id);
    if (!revoked) throw new AppError('NOT_FOUND', 'Invite not found');
    await recordAudit(
      tx,
      { workspaceId, actor: scope.actor, action: 'invite.revoked', target: { type: 'invite', id }, metadata: { email: revoked.email } },
      context,
    );
  });
}

const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

async function tokenHashOf(token: string): Promise<string> {
  if (!tokenPattern.test(token)) throw new AppError('NOT_FOUND', 'Invite not found');
  return sha256Hex(token);
}

const previewDto = (i: repo.InviteByToken) => ({
  workspace: { id: toPublicId('workspace', i.workspace_id), slug: i.workspace_slug, name: i.workspace_name },
  email: i.email,
  role: i.role,
  inviter_name: i.inviter_name,
  expires_at: i.expires_at,
  status: i.status,
});

/**
 * What an invitation link is about, for its page: anyone holding the link may read it (the token is
 * the secret), signed in or not. One round trip, under the request role.
 */
export async function previewInvite(db: Database, token: string) {
  const tokenHash = await tokenHashOf(token);
  const found = await system(db, repo.lookupByTokenContext(tokenHash)).query((q) => repo.lookupByToken(q, tokenHash));
  const invite = rowsOf<repo.InviteByToken>(found)[0];
  if (!invite) throw new AppError('NOT_FOUND', 'Invite not found');
  return previewDto(invite);
}

function refuseUnusable(status: repo.InviteByToken['status']): void {
  if (status === 'expired') throw new AppError('INVITE_EXPIRED', 'This invitation has expired: ask for a new one');
  if (status === 'accepted') throw new AppError('INVITE_USED', 'This invitation has already been used');
  if (status === 'revoked') throw new AppError('INVITE_REVOKED', 'This invitation was withdrawn');
}

/**
 * The signed-in person accepts: only with the address the invitation was sent to, only once, and
 * with the role stored with it. Membership, the used mark and the audit entry commit together. Someone
 * who is already a member keeps their role.
 */
export async function acceptInvite(gateway: TenantGateway, token: string, context: AuditContext, bus: Bus<QueryBuilder, Statement>) {
  const tokenHash = await tokenHashOf(token);
  return gateway.write(async (tx, scope, session) => {
    if (scope.actor.type !== 'user' || !scope.userId) throw new AppError('FORBIDDEN', 'Sign in as a person to accept an invitation');
    const userId = scope.userId;
    const email = await repo.ownEmail(tx, userId);
    const invite = await repo.findByToken(tx, session, tokenHash);
    if (!invite) throw new AppError('NOT_FOUND', 'Invite not found');
    refuseUnusable(invite.status);
    if (email !== invite.email) {
      throw new AppError(
        'INVITE_EMAIL_MISMATCH',
        `This invitation was sent to another email address. Sign in as ${invite.email} to accept it.`,
      );
    }
    if (!(await repo.markAccepted(tx, invite.id, userId))) throw new AppError('INVITE_USED', 'This invitation has already been used');
    const added = await repo.insertMembershipIfAbsent(tx, { id: newUuid(), workspaceId: invite.workspace_id, userId, role: invite.role });
    await recordAudit(
      tx,
      {
        workspaceId: invite.workspace_id,
        actor: scope.actor,
        action: 'invite.accepted',
        target: { type: 'invite', id: invite.id },
        metadata: { role: invite.role, ...(added ? { membership_id: added.id } : { already_member: true }) },
      },
      context,
    );
    if (added) {
      for (const reaction of bus.reactionsTo({ type: 'members.changed', workspaceId: invite.workspace_id, change: 'joined', userId }, tx))
        await reaction;
    }
    const role = (await repo.membershipRole(tx, userId)) ?? invite.role;
    return { workspace: previewDto(invite).workspace, role };
  });
}
