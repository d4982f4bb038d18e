import { isUniqueViolation } from '../../db/errors.ts';
import type { QueryBuilder, Statement, TenantGateway } from '../../db/gateway.ts';
import type { Bus } from '../../kernel/bus.ts';
import type { Role } from '../../kernel/actor.ts';
import { AppError } from '../../kernel/errors.ts';
import { newUuid, toPublicId } from '../../kernel/ids.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import * as repo from './workspaces.repo.ts';

export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return base || 'workspace';
}

const randomSuffix = () => Math.random().toString(36).slice(2, 7).padEnd(5, '0');

const toDto = (w: { id: string; slug: string; name: string; createdAt: Date }, role: Role) => ({
  id: toPublicId('workspace', w.id),
  slug: w.slug,
  name: w.name,
  role,
  created_at: w.createdAt.toISOString(),
});

/**
 * The creator becomes its owner. A chosen slug that is taken is a 409; a derived one gets a suffix.
 * `workspace.created` is published in the same transaction (billing starts the trial on it).
 */
export async function createWorkspace(
  gateway: TenantGateway,
  input: { name: string; slug?: string | undefined },
  context: AuditContext,
  bus: Bus<QueryBuilder, Statement>,
) {
  try {
    return await gateway.write(async (tx, scope, session) => {
      if (scope.actor.type !== 'user') throw new AppError('FORBIDDEN', 'Only a signed-in person can create a workspace');
      const actor = scope.actor;
      const id = newUuid();
      await session.enterWorkspace(id);
      const candidates = input.slug
        ? [input.slug]
        : [slugify(input.name), `${slugify(input.name)}-${randomSuffix()}`, `${slugify(input.name)}-${randomSuffix()}`];
      for (const [attempt, slug] of candidates.entries()) {
        try {
          // A savepoint per attempt: a taken slug aborts only the attempt, not the transaction.
          const created = await session.savepoint(async (sp) => {
            const row = await repo.insertWorkspace(sp, { id, slug, name: input.name });
            await repo.insertMembership(sp, { id: newUuid(), workspaceId: id, userId: actor.userId, role: 'owner' });
            return row;
          });
          if (!created) break;
          await recordAudit(tx, { workspaceId: id, actor, action: 'workspace.created', target: { type: 'workspace', id } }, context);
          for (const reaction of bus.reactionsTo({ type: 'workspace.created', workspaceId: id }, tx)) await reaction;
          return toDto(created, 'owner');
        } catch (error) {
          if (!isUniqueViolation(error, 'workspace_slug_key') || attempt === candidates.length - 1) throw error;
        }
      }
      throw new AppError('INTERNAL', 'Workspace was not created');
    });
  } catch (error) {
    if (isUniqueViolation(error, 'workspace_slug_key')) {
      throw new AppError('SLUG_TAKEN', 'This slug is taken', { fields: { slug: ['is taken'] } });
    }
    throw error;
  }
}

export async function listWorkspaces(gateway: TenantGateway) {
  const { scope, result } = await gateway.read((http) => repo.selectMyWorkspaces(http));
  if (scope.actor.type !== 'user') throw new AppError('FORBIDDEN', 'This endpoint needs a signed-in person, not an API key');
  return { items: result.map((w) => toDto(w, w.role as Role)) };
}
