import type { QueryBuilder, Statement, TenantGateway } from '../../db/gateway.ts';
import type { Bus } from '../../kernel/bus.ts';
import './members.events.ts';
import type { Scope, Tx } from '../../db/tenant.ts';
import type { RealtimeNotices } from '../../kernel/realtime.ts';
import type { Role } from '../../kernel/actor.ts';
import { cursorPage, pagePosition } from '../../kernel/cursor.ts';
import { AppError } from '../../kernel/errors.ts';
import type { PageQuery } from '../router.ts';
import { roleAtMost } from '../../kernel/permissions.ts';
import { assertCan, personBehind } from '../access.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { assertNotLastOwner } from './last-owner.ts';
import * as repo from './members.repo.ts';
import { membershipIds } from './members.ids.ts';
import { toPublicId } from '../../kernel/ids.ts';

export { assertNotLastOwner, lockCurrentOwners } from './last-owner.ts';

/** The member's avatar route (it redirects to a short signed link), named by the workspace's id so a rename keeps it. */
const avatarUrl = (m: repo.MemberRow, scope: Scope) =>
  m.has_avatar && scope.workspace
    ? `/api/v1/w/${toPublicId('workspace', scope.workspace.id)}/members/${membershipIds.toPublic(m.id)}/avatar`
    : null;

const toDto = (m: repo.MemberRow, scope: Scope) => ({
  id: membershipIds.toPublic(m.id),
  user: { id: toPublicId('user', m.user_id), email: m.email, name: m.name },
  role: m.role,
  joined_at: m.joined_at,
  is_you: scope.userId === m.user_id,
  avatar_url: avatarUrl(m, scope),
});

/** One page of members by name, in one round trip. */
export async function listMembers(gateway: TenantGateway, query: PageQuery, secret: string) {
  const after = await pagePosition(secret, 'members', query.cursor);
  const { scope, result } = await gateway.read((http) => repo.selectMemberPage(http, { after, limit: query.limit }));
  assertCan(scope, 'member:read');
  const rows = repo.rowsOf<repo.MemberRow>(result);
  return cursorPage(rows, { secret, query: 'members', limit: query.limit, position: (m) => ({ value: m.sort_value, id: m.id }) }, (m) =>
    toDto(m, scope),
  );
}

async function findMember(tx: Tx, publicId: string) {
  const member = await repo.lockMember(tx, membershipIds.require(publicId, 'Member'));
  if (!member) throw new AppError('NOT_FOUND', 'Member not found');
  return member;
}

/**
 * Owners and admins change roles, never to one above their own. Granting owner, or changing an
 * owner's role, is for owners only; the last owner keeps their role.
 */
export async function changeMemberRole(
  gateway: TenantGateway,
  publicId: string,
  role: Role,
  context: AuditContext,
  bus: Bus<QueryBuilder, Statement>,
  hubs?: RealtimeNotices,
) {
  let changed: { workspaceId: string; personId: string } | null = null;
  const dto = await gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'member:update_role');
    // Nobody grants more than they hold; for an API key that is its effective role, at most its maker's.
    const ownRole = scope.actor.type === 'system' ? 'owner' : scope.actor.role;
    if (!ownRole || !roleAtMost(role, ownRole)) throw new AppError('FORBIDDEN', 'You cannot grant a role above your own');
    // Owners first, then the member: every change takes its locks in this one order, so two
    // concurrent changes queue instead of deadlocking.
    await repo.lockOwners(tx);
    const member = await findMember(tx, publicId);
    if (member.role !== role) {
      if (role === 'owner' || member.role === 'owner') assertCan(scope, 'member:manage_owners');
      if (member.role === 'owner') await assertNotLastOwner(tx, member.userId);
      await repo.updateRole(tx, member.id, role);
      changed = { workspaceId, personId: member.userId };
      await recordAudit(
        tx,
        {
          workspaceId,
          actor: scope.actor,
          action: 'member.role_changed',
          target: { type: 'membership', id: member.id },
          metadata: { user_id: member.userId, from: member.role, to: role },
        },
        context,
      );
      const changedBy = personBehind(scope);
      const { userId, role: from } = member;
      for (const reaction of bus.reactionsTo({ type: 'members.role_changed', workspaceId, userId, from, to: role, changedBy }, tx)) {
        await reaction;
      }
    }
    const listed = (await repo.selectMembersIn(tx)).find((m) => m.id === member.id);
    if (!listed) throw new AppError('NOT_FOUND', 'Member not found');
    return toDto(listed, scope);
  });
  // After the commit: the member's open realtime connections carry the new role.
  const committed = changed as { workspaceId: string; personId: string } | null;
  if (committed) hubs?.revoke(committed.workspaceId, { type: 'role', personId: committed.personId, role });
  return dto;
}

/** Removes a member (and with them their team places). Owners are removed by owners only, never the last one. */
export async function removeMember(
  gateway: TenantGateway,
  publicId: string,
  context: AuditContext,
  bus: Bus<QueryBuilder, Statement>,
  hubs?: RealtimeNotices,
) {
  const removed = await gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'member:remove');
    await repo.lockOwners(tx);
    const member = await findMember(tx, publicId);
    if (member.role === 'owner') {
      assertCan(scope, 'member:manage_owners');
      await assertNotLastOwner(tx, member.userId);
    }
    if (!(await repo.deleteMember(tx, member.id))) throw new AppError('NOT_FOUND', 'Member not found');
    await recordAudit(
      tx,
      {
        workspaceId,
        actor: scope.actor,
        action: 'member.removed',
        target: { type: 'membership', id: member.id },
        metadata: { user_id: member.userId, role: member.role },
      },
      context,
    );
    for (const reaction of bus.reactionsTo({ type: 'members.changed', workspaceId, change: 'removed', userId: member.userId }, tx))
      await reaction;
    return { workspaceId, personId: member.userId };
  });
  // After the commit: the removed member's open realtime connections close.
  hubs?.revoke(removed.workspaceId, { type: 'person', personId: removed.personId });
}

/** An owner hands ownership to another member: they become owner, the caller becomes admin, at once. */
export async function transferOwnership(gateway: TenantGateway, memberPublicId: string, context: AuditContext) {
  return gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'workspace:transfer_ownership');
    if (scope.actor.type !== 'user') throw new AppError('FORBIDDEN', 'Only a signed-in owner can transfer ownership');
    await repo.lockOwners(tx);
    const target = await findMember(tx, memberPublicId);
    const self = await repo.lockMemberByUser(tx, scope.actor.userId);
    if (self?.role !== 'owner') throw new AppError('FORBIDDEN', 'Only an owner can transfer ownership');
    if (target.id === self.id) {
      throw new AppError('VALIDATION_FAILED', 'You already own this workspace', { fields: { member_id: ['is you'] } });
    }
    await repo.updateRole(tx, target.id, 'owner');
    await repo.updateRole(tx, self.id, 'admin');
    await recordAudit(
      tx,
      {
        workspaceId,
        actor: scope.actor,
        action: 'workspace.ownership_transferred',
        target: { type: 'membership', id: target.id },
        metadata: { from_user_id: self.userId, to_user_id: target.userId, previous_role: target.role },
      },
      context,
    );
    const members = await repo.selectMembersIn(tx);
    return { items: members.map((m) => toDto(m, scope)) };
  });
}
