import type { TenantGateway } from '../../db/gateway.ts';
import { AppError } from '../../kernel/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import * as repo from './auth.repo.ts';
import { publicUser } from './sign-in.ts';

/** The signed-in person changes their display name; the change and its audit entry commit together. */
export async function renameSelf(gateway: TenantGateway, input: { name: string }, context: AuditContext) {
  return gateway.write(async (tx, scope) => {
    if (scope.actor.type !== 'user') throw new AppError('FORBIDDEN', 'This endpoint needs a signed-in person, not an API key');
    const [updated] = await repo.updateOwnName(tx, input.name);
    if (!updated) throw new AppError('UNAUTHENTICATED', 'Sign in or present a valid API key');
    await recordAudit(
      tx,
      { workspaceId: null, actor: scope.actor, action: 'user.name_changed', target: { type: 'user', id: updated.id } },
      context,
    );
    return { user: publicUser(updated) };
  });
}
