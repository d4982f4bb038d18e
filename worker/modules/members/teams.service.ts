import { isUniqueViolation } from '../../db/errors.ts';
import type { TenantGateway } from '../../db/tenant-gateway.ts';
import type { Scope, Tx } from '../../db/tenant.ts';
import { cursorPage, pagePosition } from '../../kernel/cursor.ts';
import { AppError } from '../../kernel/errors.ts';
import type { PageQuery } from '../router.ts';
import { newUuid, toPublicId } from '../../kernel/ids.ts';
import { assertCan } from '../access.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { lockMember, rowsOf } from './members.repo.ts';
import * as repo from './teams.repo.ts';
import { membershipIds, teamIds } from './members.ids.ts';

const toSummary = (t: { id: string; name: string; createdAt: Date; updatedAt: Date }, memberCount: number) => ({
  id: teamIds.toPublic(t.id),
  name: t.name,
  member_count: memberCount,
  created_at: t.createdAt.toISOString(),
  updated_at: t.updatedAt.toISOString(),
});

const toDetail = (t: repo.TeamWithMembers) => ({
  id: teamIds.toPublic(t.id),
  name: t.name,
  created_at: t.created_at,
  updated_at: t.updated_at,
  members: t.members.map((m) => ({
    member_id: membershipIds.toPublic(m.member_id),
    user: { id: toPublicId('user', m.user_id), email: m.email, name: m.name },
    role: m.role as 'owner' | 'admin' | 'member' | 'viewer',
  })),
});

const nameTaken = () => new AppError('TEAM_NAME_TAKEN', 'A team with this name exists', { fields: { name: ['is taken'] } });

/** Runs a write and turns a clash on the per-workspace team name into a 409. */
async function namedWrite<T>(gateway: TenantGateway, fn: (tx: Tx, scope: Scope) => Promise<T>): Promise<T> {
  try {
    return await gateway.write(fn);
  } catch (error) {
    if (isUniqueViolation(error, 'team_workspace_name_key')) throw nameTaken();
    throw error;
  }
}

export async function listTeams(gateway: TenantGateway, query: PageQuery, secret: string) {
  const after = await pagePosition(secret, 'teams', query.cursor);
  const { scope, result } = await gateway.read((http) => repo.selectTeamPage(http, { after, limit: query.limit }));
  assertCan(scope, 'team:read');
  return cursorPage(result, { secret, query: 'teams', limit: query.limit, position: (t) => ({ value: t.sortValue, id: t.id }) }, (t) =>
    toSummary(t, Number(t.memberCount)),
  );
}

export async function getTeam(gateway: TenantGateway, publicId: string) {
  const id = teamIds.require(publicId, 'Team');
  const { scope, result } = await gateway.read((http) => repo.selectTeam(http, id));
  assertCan(scope, 'team:read');
  const found = rowsOf<repo.TeamWithMembers>(result)[0];
  if (!found) throw new AppError('NOT_FOUND', 'Team not found');
  return toDetail(found);
}

export async function createTeam(gateway: TenantGateway, input: { name: string }, context: AuditContext) {
  return namedWrite(gateway, async (tx, scope) => {
    const workspaceId = assertCan(scope, 'team:create');
    const created = await repo.insertTeam(tx, { id: newUuid(), workspaceId, name: input.name });
    if (!created) throw new AppError('INTERNAL', 'Team was not created');
    await recordAudit(
      tx,
      { workspaceId, actor: scope.actor, action: 'team.created', target: { type: 'team', id: created.id }, metadata: { name: input.name } },
      context,
    );
    return toSummary(created, 0);
  });
}

async function findTeam(tx: Tx, id: string) {
  const found = await repo.lockTeam(tx, id);
  if (!found) throw new AppError('NOT_FOUND', 'Team not found');
  return found;
}

async function detailOf(tx: Tx, id: string) {
  const detail = await repo.selectTeamIn(tx, id);
  if (!detail) throw new AppError('NOT_FOUND', 'Team not found');
  return toDetail(detail);
}

export async function renameTeam(gateway: TenantGateway, publicId: string, input: { name: string }, context: AuditContext) {
  const id = teamIds.require(publicId, 'Team');
  return namedWrite(gateway, async (tx, scope) => {
    const workspaceId = assertCan(scope, 'team:update');
    const before = await findTeam(tx, id);
    await repo.renameTeam(tx, id, input.name);
    await recordAudit(
      tx,
      {
        workspaceId,
        actor: scope.actor,
        action: 'team.renamed',
        target: { type: 'team', id },
        metadata: { from: before.name, to: input.name },
      },
      context,
    );
    return detailOf(tx, id);
  });
}

export async function deleteTeam(gateway: TenantGateway, publicId: string, context: AuditContext) {
  const id = teamIds.require(publicId, 'Team');
  await gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'team:delete');
    const deleted = await repo.deleteTeam(tx, id);
    if (!deleted) throw new AppError('NOT_FOUND', 'Team not found');
    await recordAudit(
      tx,
      { workspaceId, actor: scope.actor, action: 'team.deleted', target: { type: 'team', id }, metadata: { name: deleted.name } },
      context,
    );
  });
}

async function findMember(tx: Tx, memberPublicId: string) {
  const member = await lockMember(tx, membershipIds.require(memberPublicId, 'Member'));
  if (!member) throw new AppError('NOT_FOUND', 'Member not found');
  return member;
}

export async function addTeamMember(gateway: TenantGateway, teamPublicId: string, memberPublicId: string, context: AuditContext) {
  const teamId = teamIds.require(teamPublicId, 'Team');
  return gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'team:manage_members');
    await findTeam(tx, teamId);
    const member = await findMember(tx, memberPublicId);
    if (await repo.addTeamMember(tx, { teamId, workspaceId, userId: member.userId })) {
      await recordAudit(
        tx,
        {
          workspaceId,
          actor: scope.actor,
          action: 'team.member_added',
          target: { type: 'team', id: teamId },
          metadata: { membership_id: member.id, user_id: member.userId },
        },
        context,
      );
    }
    return detailOf(tx, teamId);
  });
}

export async function removeTeamMember(gateway: TenantGateway, teamPublicId: string, memberPublicId: string, context: AuditContext) {
  const teamId = teamIds.require(teamPublicId, 'Team');
  return gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'team:manage_members');
    await findTeam(tx, teamId);
    const member = await findMember(tx, memberPublicId);
    if (!(await repo.removeTeamMember(tx, teamId, member.userId))) throw new AppError('NOT_FOUND', 'This member is not in the team');
    await recordAudit(
      tx,
      {
        workspaceId,
        actor: scope.actor,
        action: 'team.member_removed',
        target: { type: 'team', id: teamId },
        metadata: { membership_id: member.id, user_id: member.userId },
      },
      context,
    );
    return detailOf(tx, teamId);
  });
}
