import type { RealtimeNotices } from '../../kernel/realtime.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { purgeDateOf, type TenantGateway, WORKSPACE_GRACE_DAYS } from '../../db/gateway.ts';
import { AppError } from '../../kernel/errors.ts';
import { assertCan } from '../access.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import * as repo from './workspace-settings.repo.ts';
import { roleOf, toSettingsDto } from './workspace-settings.service.ts';

const randomSuffix = () => Math.random().toString(36).slice(2, 7).padEnd(5, '0');

/**
 * A soft delete: the workspace leaves every list at once and its routes answer WORKSPACE_DELETED;
 * an owner can restore it for WORKSPACE_GRACE_DAYS, then the purge job removes it with its data.
 */
export async function deleteWorkspace(gateway: TenantGateway, context: AuditContext, hubs?: RealtimeNotices) {
  let deletedId = '';
  const dto = await gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'workspace:delete');
    deletedId = workspaceId;
    const row = await repo.markDeleted(tx);
    if (!row?.deletedAt) throw new AppError('NOT_FOUND', 'Workspace not found');
    await recordAudit(
      tx,
      {
        workspaceId,
        actor: scope.actor,
        action: 'workspace.deleted',
        target: { type: 'workspace', id: workspaceId },
        metadata: { slug: row.slug, purge_after: purgeDateOf(row.deletedAt).toISOString() },
      },
      context,
    );
    return toSettingsDto(row, roleOf(scope));
  });
  // After the commit: every realtime connection of the workspace closes.
  hubs?.revoke(deletedId, { type: 'workspace', state: 'deleted' });
  return dto;
}

/**
 * Undoes a deletion within the grace period. Should another workspace have taken the slug in the
 * meantime, the restored one gets a free variant of it and keeps the old one as an alias.
 */
export async function restoreWorkspace(gateway: TenantGateway, context: AuditContext) {
  return gateway.write(async (tx, scope, session) => {
    const workspaceId = assertCan(scope, 'workspace:restore');
    const current = scope.workspace;
    if (!current?.deletedAt) throw new AppError('CONFLICT', 'This workspace is not deleted');
    const candidates = [current.slug, `${current.slug.slice(0, 41)}-${randomSuffix()}`];
    for (const [attempt, slug] of candidates.entries()) {
      try {
        const row = await session.savepoint((sp) => repo.restoreDeleted(sp, WORKSPACE_GRACE_DAYS, slug));
        if (!row) {
          throw new AppError('WORKSPACE_DELETED', 'The grace period is over: this workspace can no longer be restored.');
        }
        if (slug !== current.slug) await repo.rememberSlug(tx, workspaceId, current.slug);
        await recordAudit(
          tx,
          {
            workspaceId,
            actor: scope.actor,
            action: 'workspace.restored',
            target: { type: 'workspace', id: workspaceId },
            metadata: { slug, ...(slug !== current.slug ? { slug_was: current.slug } : {}) },
          },
          context,
        );
        return toSettingsDto(row, roleOf(scope));
      } catch (error) {
        if (!isUniqueViolation(error, 'workspace_slug_key') || attempt === candidates.length - 1) throw error;
      }
    }
    throw new AppError('INTERNAL', 'Workspace was not restored');
  });
}
