import type { QueryBuilder, Statement } from '../../db/gateway.ts';
import type { TenantGateway } from '../../db/tenant-gateway.ts';
import type { Bus } from '../../kernel/bus.ts';
import { AppError } from '../../kernel/errors.ts';
import { assertCan } from '../access.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { assertNotLastOwner } from '../members/members.service.ts';
import * as repo from './account.repo.ts';

/**
 * The signed-in person leaves the workspace, in one transaction. The last-owner guard of the members
 * module decides first and locks the owners' rows, in the order every role change and removal takes
 * them, so a leave and a concurrent change queue instead of deadlocking, and two owners leaving at
 * the same moment cannot both go. `members.changed` goes out with the change (a per-seat plan's
 * quantity follows it).
 */
export async function leaveWorkspace(gateway: TenantGateway, context: AuditContext, bus: Bus<QueryBuilder, Statement>) {
  await gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'workspace:leave');
    const actor = scope.actor;
    if (actor.type !== 'user') throw new AppError('FORBIDDEN', 'Only a person can leave a workspace, not an API key');
    await assertNotLastOwner(tx, actor.userId, async () =>
      (await repo.countOtherMembers(tx, workspaceId, actor.userId)) === 0
        ? 'You are the only member and owner of this workspace, so you cannot leave it.'
        : 'You are the last owner of this workspace. Make another member an owner before you leave.',
    );
    const mine = await repo.deleteOwnMembership(tx, workspaceId, actor.userId);
    if (!mine) throw new AppError('NOT_FOUND', 'Workspace not found');
    await recordAudit(
      tx,
      { workspaceId, actor, action: 'membership.left', target: { type: 'user', id: actor.userId }, metadata: { role: mine.role } },
      context,
    );
    for (const reaction of bus.reactionsTo({ type: 'members.changed', workspaceId, change: 'removed' }, tx)) await reaction;
  });
}
