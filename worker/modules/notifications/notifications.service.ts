import type { TenantGateway } from '../../db/gateway.ts';
import { cursorPage, pagePosition } from '../../kernel/cursor.ts';
import { AppError } from '../../kernel/errors.ts';
import { assertCan } from '../access.ts';
import { notificationIds } from './notifications.ids.ts';
import * as repo from './notifications.repo.ts';

interface Row {
  id: string;
  kind: string;
  payload: unknown;
  readAt: Date | null;
  createdAt: Date;
}

const toDto = (row: Row) => {
  const payload = (row.payload ?? {}) as { text?: unknown; link?: unknown };
  return {
    id: notificationIds.toPublic(row.id),
    kind: row.kind,
    text: typeof payload.text === 'string' ? payload.text : row.kind,
    link: typeof payload.link === 'string' ? payload.link : '/',
    read_at: row.readAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
  };
};

/** The person's inbox in this workspace, newest first; one round trip. */
export async function listNotifications(
  gateway: TenantGateway,
  query: { limit: number; cursor?: string | undefined; unread: 'true' | 'false' },
  secret: string,
) {
  const queryKey = `notifications|${query.unread}`;
  const after = await pagePosition(secret, queryKey, query.cursor);
  const { scope, result } = await gateway.read((http) =>
    repo.selectPage(http, { unread: query.unread === 'true', after, limit: query.limit }),
  );
  assertCan(scope, 'notification:read');
  return cursorPage(result, { secret, query: queryKey, limit: query.limit, position: (n) => ({ value: n.sortValue, id: n.id }) }, toDto);
}

export async function unreadCount(gateway: TenantGateway) {
  const { scope, result } = await gateway.read((http) => repo.countUnread(http));
  assertCan(scope, 'notification:read');
  return { unread: result[0]?.count ?? 0 };
}

/** Marks one of the person's notifications read; someone else's, or another workspace's, is a 404. */
export async function markRead(gateway: TenantGateway, publicId: string) {
  const id = notificationIds.require(publicId, 'Notification');
  const [rows] = await gateway.write(
    (scope) => assertCan(scope, 'notification:mark_read'),
    (q) => [repo.markRead(q, id)] as const,
  );
  const marked = rows[0];
  if (!marked) throw new AppError('NOT_FOUND', 'Notification not found');
  return toDto(marked);
}

export async function markAllRead(gateway: TenantGateway) {
  const [rows] = await gateway.write(
    (scope) => assertCan(scope, 'notification:mark_read'),
    (q) => [repo.markAllRead(q)] as const,
  );
  return { marked: rows.length };
}
