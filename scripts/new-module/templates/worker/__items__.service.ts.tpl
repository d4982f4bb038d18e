import type { TenantGateway } from '../../db/gateway.ts';
import { decodeCursor, encodeCursor } from '../../kernel/cursor.ts';
import { AppError } from '../../kernel/errors.ts';
import { newUuid } from '../../kernel/ids.ts';
import { assertCan } from '../access.ts';
import { type AuditContext, auditStatement, recordAudit } from '../audit/audit.service.ts';
import { __itemVar__Ids } from './__items__.ids.ts';
import * as repo from './__items__.repo.ts';
import type { List__Items__Query } from './__items__.schema.ts';

interface __Item__Row {
  id: string;
  name: string;
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const to__Item__Dto = (row: __Item__Row) => ({
  id: __itemVar__Ids.toPublic(row.id),
  name: row.name,
  description: row.description,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
});

/** One database round trip: credentials, membership, RLS context and the page travel together. */
export async function list__Items__(gateway: TenantGateway, query: List__Items__Query, secret: string) {
  const queryKey = `__items__|${query.sort}`;
  const after = query.cursor ? await decodeCursor(secret, queryKey, query.cursor) : null;
  const { scope, result } = await gateway.read((http) => repo.selectPage(http, { sort: query.sort, after, limit: query.limit }));
  assertCan(scope, '__item__:read');
  const hasMore = result.length > query.limit;
  const items = result.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: items.map(to__Item__Dto),
    next_cursor: hasMore && last ? await encodeCursor(secret, queryKey, { value: last.sortValue, id: last.id }) : null,
    has_more: hasMore,
  };
}

export async function get__Item__(gateway: TenantGateway, publicId: string) {
  const id = __itemVar__Ids.require(publicId, '__Item_title__');
  const { scope, result } = await gateway.read((http) => repo.selectOne(http, id));
  assertCan(scope, '__item__:read');
  const row = result[0];
  if (!row) throw new AppError('NOT_FOUND', '__Item_title__ not found');
  return to__Item__Dto(row);
}

/** The row and its audit entry are written in one transaction, with the membership check. */
export async function create__Item__(
  gateway: TenantGateway,
  input: { name: string; description?: string | null | undefined },
  context: AuditContext,
) {
  const id = newUuid();
  const [[created]] = await gateway.write(
    (scope) => assertCan(scope, '__item__:create'),
    (db, workspaceId, scope) => [
      repo.insert__Item__(db, { id, workspaceId, name: input.name, description: input.description ?? null, createdBy: scope.userId }),
      auditStatement(db, { workspaceId, actor: scope.actor, action: '__item__.created', target: { type: '__item__', id } }, context),
    ],
  );
  if (!created) throw new AppError('INTERNAL', '__Item_title__ was not created');
  return to__Item__Dto(created);
}

export async function update__Item__(
  gateway: TenantGateway,
  publicId: string,
  patch: { name?: string | undefined; description?: string | null | undefined },
) {
  const id = __itemVar__Ids.require(publicId, '__Item_title__');
  const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const [[updated]] = await gateway.write(
    (scope) => assertCan(scope, '__item__:update'),
    (db) => [repo.update__Item__(db, id, changes)],
  );
  if (!updated) throw new AppError('NOT_FOUND', '__Item_title__ not found');
  return to__Item__Dto(updated);
}

/** Soft delete: the row stays for restore and audit; every read ignores it. */
export async function delete__Item__(gateway: TenantGateway, publicId: string, context: AuditContext) {
  const id = __itemVar__Ids.require(publicId, '__Item_title__');
  await gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, '__item__:delete');
    if (!(await repo.softDelete__Item__(tx, id))) throw new AppError('NOT_FOUND', '__Item_title__ not found');
    await recordAudit(tx, { workspaceId, actor: scope.actor, action: '__item__.deleted', target: { type: '__item__', id } }, context);
  });
}
