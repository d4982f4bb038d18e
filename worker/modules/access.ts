import type { Scope } from '../db/tenant.ts';
import { AppError } from '../kernel/errors.ts';
import { type Action, can } from '../kernel/permissions.ts';
import { permissions } from './assembly.ts';

/** Services' one check before acting in a workspace; returns the workspace id it is allowed in. */
export function assertCan(scope: Scope, action: Action): string {
  const workspaceId = scope.workspace?.id;
  if (!workspaceId) throw new AppError('NOT_FOUND', 'Workspace not found');
  if (!can(permissions(), scope.actor, action, { workspaceId })) {
    throw new AppError('FORBIDDEN', 'Your role does not allow this');
  }
  return workspaceId;
}
