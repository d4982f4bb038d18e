import type { QueryBuilder, Statement, TenantGateway } from '../../db/gateway.ts';
import type { Bus } from '../../kernel/bus.ts';
import { cursorPage, pagePosition } from '../../kernel/cursor.ts';
import { AppError } from '../../kernel/errors.ts';
import { newUuid } from '../../kernel/ids.ts';
import { assertCan } from '../access.ts';
import { type LimitCheck, withinLimit } from '../entitlements.ts';
import { type AuditContext, auditStatement, recordAudit } from '../audit/audit.service.ts';
import { ahaReached } from './projects.activation.ts';
import { projectIds } from './projects.ids.ts';
import * as repo from './projects.repo.ts';
import type { ListProjectsQuery } from './projects.schema.ts';

interface ProjectRow {
  id: string;
  name: string;
  description: string | null;
  status: 'active' | 'archived';
  createdAt: Date;
  updatedAt: Date;
}

export const toProjectDto = (p: ProjectRow) => ({
  id: projectIds.toPublic(p.id),
  name: p.name,
  description: p.description,
  status: p.status,
  created_at: p.createdAt.toISOString(),
  updated_at: p.updatedAt.toISOString(),
});

/** One database round trip: credentials, membership, RLS context and the page travel together. */
export async function listProjects(gateway: TenantGateway, query: ListProjectsQuery, secret: string) {
  const queryKey = `projects|${query.sort}|${query.status ?? ''}`;
  const after = await pagePosition(secret, queryKey, query.cursor);
  const { scope, result } = await gateway.read((http) =>
    repo.selectPage(http, { sort: query.sort, status: query.status, after, limit: query.limit }),
  );
  assertCan(scope, 'project:read');
  return cursorPage(
    result,
    { secret, query: queryKey, limit: query.limit, position: (p) => ({ value: p.sortValue, id: p.id }) },
    toProjectDto,
  );
}

export async function getProject(gateway: TenantGateway, publicId: string) {
  const id = projectIds.require(publicId, 'Project');
  const { scope, result } = await gateway.read((http) => repo.selectOne(http, id));
  assertCan(scope, 'project:read');
  const row = result[0];
  if (!row) throw new AppError('NOT_FOUND', 'Project not found');
  return toProjectDto(row);
}

export async function createProject(
  gateway: TenantGateway,
  input: { name: string; description?: string | null | undefined; status?: 'active' | 'archived' | undefined },
  context: AuditContext,
  bus: Bus<QueryBuilder, Statement>,
) {
  const id = newUuid();
  let limit: LimitCheck | undefined;
  const [, , [created]] = await gateway
    .write(
      (scope) => assertCan(scope, 'project:create'),
      (db, workspaceId, scope) => {
        limit = withinLimit(scope.workspace, 'projects', 1);
        return [
          ...limit.statements(db, repo.projectsInUse),
          repo.insertProject(db, {
            id,
            workspaceId,
            name: input.name,
            description: input.description ?? null,
            status: input.status ?? 'active',
            createdBy: scope.userId,
          }),
          auditStatement(db, { workspaceId, actor: scope.actor, action: 'project.created', target: { type: 'project', id } }, context),
          ...bus.reactionsTo({ type: 'project.created', workspaceId, project_id: projectIds.toPublic(id) }, db),
          ...bus.reactionsTo({ type: 'workspace.aha', workspaceId, reached: ahaReached(workspaceId) }, db),
        ] as const;
      },
    )
    .catch((error: unknown) => {
      throw limit ? limit.refusal(error) : error;
    });
  if (!created) throw new AppError('INTERNAL', 'Project was not created');
  return toProjectDto(created);
}

export async function updateProject(
  gateway: TenantGateway,
  publicId: string,
  patch: { name?: string | undefined; description?: string | null | undefined; status?: 'active' | 'archived' | undefined },
  bus: Bus<QueryBuilder, Statement>,
) {
  const id = projectIds.require(publicId, 'Project');
  const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const [[updated]] = await gateway.write(
    (scope) => assertCan(scope, 'project:update'),
    (db, workspaceId) =>
      [
        repo.updateProject(db, id, changes),
        ...bus.reactionsTo({ type: 'project.updated', workspaceId, project_id: projectIds.toPublic(id), onlyIf: repo.liveProject(id) }, db),
      ] as const,
  );
  if (!updated) throw new AppError('NOT_FOUND', 'Project not found');
  return toProjectDto(updated);
}

/**
 * Undoes a delete within the restore window, with the permission deleting takes, audited. A restored
 * project counts against the plan's project limit again, so the limit is checked in the same transaction.
 */
export async function restoreProject(gateway: TenantGateway, publicId: string, context: AuditContext) {
  const id = projectIds.require(publicId, 'Project');
  return gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'project:delete');
    await withinLimit(scope.workspace, 'projects', 1).check(tx, repo.projectsInUse);
    const restored = await repo.restoreProject(tx, id);
    if (!restored)
      throw new AppError(
        'NOT_FOUND',
        `No deleted project to restore: it was never deleted, or more than ${repo.RESTORE_WINDOW_DAYS} days ago`,
      );
    await recordAudit(tx, { workspaceId, actor: scope.actor, action: 'project.restored', target: { type: 'project', id } }, context);
    return toProjectDto(restored);
  });
}

/** Soft delete: the row stays for restore and audit; every read ignores it. */
export async function deleteProject(gateway: TenantGateway, publicId: string, context: AuditContext, bus: Bus<QueryBuilder, Statement>) {
  const id = projectIds.require(publicId, 'Project');
  await gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'project:delete');
    if (!(await repo.softDeleteProject(tx, id))) throw new AppError('NOT_FOUND', 'Project not found');
    await recordAudit(tx, { workspaceId, actor: scope.actor, action: 'project.deleted', target: { type: 'project', id } }, context);
    for (const reaction of bus.reactionsTo({ type: 'project.deleted', workspaceId, project_id: projectIds.toPublic(id) }, tx))
      await reaction;
  });
}
