import { env } from 'cloudflare:workers';
import { setContextText } from '../../db/context.ts';
import { call } from '../../test/client.ts';
import { ownerSql } from '../../test/db.ts';
import type { RouteFixture, TenantRouteCase } from '../../test/tenant-routes.ts';
import { auditExportIds } from './audit.ids.ts';

async function requestExport(f: RouteFixture): Promise<string> {
  const res = await call('POST', `/api/v1/w/${f.slug}/audit-exports`, { cookie: f.ownerCookie });
  if (res.status !== 202) throw new Error(`audit export: ${res.status} ${res.text}`);
  return res.json.id as string;
}

/** An export that is ready to download, without waiting for the queued job to write it. */
async function finishedExport(f: RouteFixture): Promise<string> {
  const id = await requestExport(f);
  const uuid = auditExportIds.parse(id) as string;
  const key = `audit-exports/${f.workspaceId}/${uuid}.ndjson`;
  await env.FILES.put(key, '{"action":"workspace.created"}\n');
  const sql = ownerSql();
  await sql.transaction([
    sql.query(setContextText('workspace_id'), [f.workspaceId]),
    sql`update audit_export set object_key = ${key}, row_count = 1, expires_at = now() + interval '7 days' where id = ${uuid}`,
    sql`update job set status = 'succeeded', progress = 1, total = 1, finished_at = now() where id = ${uuid}`,
  ]);
  return id;
}

/**
 * The shared tenant-isolation suite's cases for this module's routes (audit-log exports):
 * each route's lowest role, whether it writes, and a valid request in a fresh workspace
 * (worker/db/tenant-routes.security.test.ts). Test code only: the suite finds this file by the
 * module's name in the registry, the app never imports it.
 */
export const isolationCases: Record<string, TenantRouteCase> = {
  'POST /w/{workspace}/audit-exports': {
    minRole: 'admin',
    writes: true,
    ok: 202,
    build: async (f) => ({ path: `/w/${f.slug}/audit-exports` }),
  },
  'GET /w/{workspace}/audit-exports/{id}': {
    minRole: 'admin',
    writes: false,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/audit-exports/${await requestExport(f)}` }),
  },
  'GET /w/{workspace}/audit-exports/{id}/download': {
    minRole: 'admin',
    writes: false,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/audit-exports/${await finishedExport(f)}/download` }),
  },
};
