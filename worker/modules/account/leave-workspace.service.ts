import type { TenantGateway } from '../../db/tenant-gateway.ts';
import { AppError } from '../../kernel/errors.ts';
import { assertCan } from '../access.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import * as repo from './account.repo.ts';

/**
 * The signed-in person leaves the workspace, in one transaction. The workspace's memberships are
 * locked first, so the last-owner rule holds even when two owners leave at the same moment.
 */
export async function leaveWorkspace(gateway: TenantGateway, context: AuditContext) {
  await gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'workspace:leave');
    const actor = scope.actor;
    if (actor.type !== 'user') throw new AppError('FORBIDDEN', 'Only a person can leave a workspace, not an API key');
    const memberships = await repo.lockWorkspaceMemberships(tx, workspaceId);
    const mine = memberships.find((m) => m.userId === actor.userId);
    if (!mine) throw new AppError('NOT_FOUND', 'Workspace not found');
    const owners = memberships.filter((m) => m.role === 'owner').length;
    if (mine.role === 'owner' && owners === 1) {
      throw new AppError(
        'LAST_OWNER',
        memberships.length === 1
          ? 'You are the only member and owner of this workspace, so you cannot leave it.'
          : 'You are the last owner of this workspace. Make another member an owner before you leave.',
      );
    }
    await repo.deleteMembership(tx, mine.id);
    await recordAudit(
      tx,
      { workspaceId, actor, action: 'membership.left', target: { type: 'user', id: actor.userId }, metadata: { role: mine.role } },
      context,
    );
  });
}
