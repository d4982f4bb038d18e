import { isUniqueViolation } from '../../db/errors.ts';
import { purgeDateOf, type Scope, type TenantGateway } from '../../db/gateway.ts';
import type { Role } from '../../kernel/actor.ts';
import { AppError } from '../../kernel/errors.ts';
import { toPublicId } from '../../kernel/ids.ts';
import { assertCan } from '../access.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { fileIds } from '../files/files.ids.ts';
import { showableImage } from '../files/files.service.ts';
import type { UpdateWorkspaceInput } from './workspace-settings.schema.ts';
import * as repo from './workspace-settings.repo.ts';

export function toSettingsDto(w: repo.WorkspaceRow, role: Role) {
  return {
    id: toPublicId('workspace', w.id),
    slug: w.slug,
    name: w.name,
    logo_file_id: w.logoFileId ? fileIds.toPublic(w.logoFileId) : null,
    role,
    suspended_at: w.suspendedAt?.toISOString() ?? null,
    deleted_at: w.deletedAt?.toISOString() ?? null,
    purge_after: w.deletedAt ? purgeDateOf(w.deletedAt).toISOString() : null,
    created_at: w.createdAt.toISOString(),
    updated_at: w.updatedAt.toISOString(),
  };
}

/** The role the scope acts with; API keys carry their own. */
export function roleOf(scope: Scope): Role {
  const role = scope.actor.type === 'system' ? null : scope.actor.role;
  if (!role) throw new AppError('NOT_FOUND', 'Workspace not found');
  return role;
}

export const slugTaken = () => new AppError('SLUG_TAKEN', 'This slug is taken', { fields: { slug: ['is taken'] } });

export async function getWorkspace(gateway: TenantGateway) {
  const { scope, result } = await gateway.read((http) => repo.selectCurrentWorkspace(http));
  assertCan(scope, 'workspace:read');
  const [row] = result;
  if (!row) throw new AppError('NOT_FOUND', 'Workspace not found');
  return toSettingsDto(row, roleOf(scope));
}

/**
 * Name, slug and logo. A new slug leaves the old one behind as an alias, so API callers that still
 * use it keep reaching the workspace (ADR 013).
 */
export async function updateWorkspace(gateway: TenantGateway, input: UpdateWorkspaceInput, context: AuditContext) {
  try {
    return await gateway.write(async (tx, scope, session) => {
      const workspaceId = assertCan(scope, 'workspace:update');
      const before = scope.workspace?.slug ?? '';
      const patch = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.slug !== undefined ? { slug: input.slug } : {}),
        ...(input.logo_file_id === null ? { logoFileId: null } : {}),
        ...(typeof input.logo_file_id === 'string' ? { logoFileId: await showableImage(tx, input.logo_file_id, 'logo_file_id') } : {}),
      };
      const row = await session.savepoint((sp) => repo.updateWorkspace(sp, patch));
      if (!row) throw new AppError('NOT_FOUND', 'Workspace not found');
      const renamed = input.slug !== undefined && input.slug !== before;
      if (renamed) {
        await repo.rememberSlug(tx, workspaceId, before);
        await repo.forgetSlug(tx, workspaceId, row.slug);
      }
      await recordAudit(
        tx,
        {
          workspaceId,
          actor: scope.actor,
          action: 'workspace.updated',
          target: { type: 'workspace', id: workspaceId },
          metadata: { fields: Object.keys(input), ...(renamed ? { slug_from: before, slug_to: row.slug } : {}) },
        },
        context,
      );
      return toSettingsDto(row, roleOf(scope));
    });
  } catch (error) {
    if (isUniqueViolation(error, 'workspace_slug_key')) throw slugTaken();
    throw error;
  }
}
