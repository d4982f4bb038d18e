import { parsePublicId } from '../kernel/ids.ts';
import { call } from './client.ts';
import { ownerSql } from './db.ts';
import { setContextText } from '../db/context.ts';

/** Row uuid of a `ws_…` id, for SQL in tests. */
export function workspaceUuid(publicId: string): string {
  const id = parsePublicId('workspace', publicId);
  if (!id) throw new Error(`not a workspace id: ${publicId}`);
  return id;
}

/**
 * Suspends or lifts the suspension of a workspace the way billing or an operator will: a direct
 * write as the owner connection (forced RLS needs the workspace context for it).
 */
export async function setSuspended(workspaceId: string, suspended: boolean) {
  const sql = ownerSql();
  await sql.transaction([
    sql.query(setContextText('workspace_id'), [workspaceId]),
    sql`update workspace set suspended_at = ${suspended ? new Date().toISOString() : null}::timestamptz where id = ${workspaceId}`,
  ]);
}

/** Moves a workspace's deletion back in time: the grace period is measured from `deleted_at`. */
export async function backdateDeletion(workspaceId: string, days: number) {
  const sql = ownerSql();
  await sql.transaction([
    sql.query(setContextText('workspace_id'), [workspaceId]),
    sql`update workspace set deleted_at = deleted_at - make_interval(days => ${days}::int) where id = ${workspaceId}`,
  ]);
}

export async function createApiKey(cookie: string, slug: string, role: 'admin' | 'member' | 'viewer') {
  const res = await call('POST', `/api/v1/w/${slug}/api-keys`, { cookie, body: { name: `${role} key`, role } });
  if (res.status !== 201) throw new Error(`api key failed: ${res.status} ${res.text}`);
  return res.json.key as string;
}
