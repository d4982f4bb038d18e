import { env } from 'cloudflare:workers';
import type { Role } from '../kernel/actor.ts';
import { parsePublicId } from '../kernel/ids.ts';
import { call } from './client.ts';
import { ownerSql } from './db.ts';

/** A fresh workspace for one check, with its owner's cookie for any setup the request needs. */
export interface RouteFixture {
  /** The workspace's current slug. */
  slug: string;
  /** Its `ws_…` id. */
  publicId: string;
  /** Its row uuid, for SQL. */
  workspaceId: string;
  ownerCookie: string;
}

/** A request relative to `/api/v1`, valid for the fixture's workspace. */
export interface RouteRequest {
  path: string;
  body?: unknown;
}

/**
 * How the shared tenant-isolation suite (`worker/db/tenant-routes.security.test.ts`) exercises one
 * tenant route. Every route under `/api/v1/w/{workspace}` needs an entry, or the suite fails.
 */
export interface TenantRouteCase {
  /** The lowest role that may call it; the role below it must get 403 (nothing below viewer). */
  minRole: Role;
  /** A write is refused in a suspended workspace (WORKSPACE_SUSPENDED); a read still works. */
  writes: boolean;
  /** The status the minimum role gets for the request `build` makes. */
  ok: number;
  /** Builds a valid request; may create what it names (a project to read, a key to revoke). */
  build: (fixture: RouteFixture) => Promise<RouteRequest>;
  /** The route acts on a deleted workspace (restore): checks run after deleting it. */
  onDeleted?: boolean;
}

async function createProject(f: RouteFixture): Promise<string> {
  const res = await call('POST', `/api/v1/w/${f.slug}/projects`, { cookie: f.ownerCookie, body: { name: 'registry project' } });
  if (res.status !== 201) throw new Error(`project: ${res.status} ${res.text}`);
  return res.json.id as string;
}

async function createKey(f: RouteFixture): Promise<string> {
  const res = await call('POST', `/api/v1/w/${f.slug}/api-keys`, { cookie: f.ownerCookie, body: { name: 'registry key', role: 'viewer' } });
  if (res.status !== 201) throw new Error(`api key: ${res.status} ${res.text}`);
  return res.json.id as string;
}

async function requestExport(f: RouteFixture): Promise<string> {
  const res = await call('POST', `/api/v1/w/${f.slug}/audit-exports`, { cookie: f.ownerCookie });
  if (res.status !== 202) throw new Error(`audit export: ${res.status} ${res.text}`);
  return res.json.id as string;
}

/** An export that is ready to download, without waiting for the queued job to write it. */
async function finishedExport(f: RouteFixture): Promise<string> {
  const id = await requestExport(f);
  const uuid = parsePublicId('auditExport', id) as string;
  const key = `audit-exports/${f.workspaceId}/${uuid}.ndjson`;
  await env.FILES.put(key, '{"action":"workspace.created"}\n');
  const sql = ownerSql();
  await sql.transaction([
    sql`select set_config('app.workspace_id', ${f.workspaceId}, true)`,
    sql`update audit_export set status = 'done', object_key = ${key}, row_count = 1, finished_at = now(), expires_at = now() + interval '7 days' where id = ${uuid}`,
  ]);
  return id;
}

/**
 * The registry, keyed `METHOD /w/{workspace}/…` exactly as the route is declared (OpenAPI path
 * syntax). Registering a new tenant route is one entry here.
 */
export const tenantRoutes: Record<string, TenantRouteCase> = {
  'GET /w/{workspace}': { minRole: 'viewer', writes: false, ok: 200, build: async (f) => ({ path: `/w/${f.slug}` }) },
  'PATCH /w/{workspace}': {
    minRole: 'admin',
    writes: true,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}`, body: { name: 'Renamed by the suite' } }),
  },
  'DELETE /w/{workspace}': { minRole: 'owner', writes: true, ok: 200, build: async (f) => ({ path: `/w/${f.slug}` }) },
  'POST /w/{workspace}/restore': {
    minRole: 'owner',
    writes: true,
    ok: 200,
    onDeleted: true,
    build: async (f) => ({ path: `/w/${f.slug}/restore` }),
  },
  'GET /w/{workspace}/projects': { minRole: 'viewer', writes: false, ok: 200, build: async (f) => ({ path: `/w/${f.slug}/projects` }) },
  'POST /w/{workspace}/projects': {
    minRole: 'member',
    writes: true,
    ok: 201,
    build: async (f) => ({ path: `/w/${f.slug}/projects`, body: { name: 'made by the suite' } }),
  },
  'GET /w/{workspace}/projects/{id}': {
    minRole: 'viewer',
    writes: false,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/projects/${await createProject(f)}` }),
  },
  'PATCH /w/{workspace}/projects/{id}': {
    minRole: 'member',
    writes: true,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/projects/${await createProject(f)}`, body: { name: 'renamed' } }),
  },
  'DELETE /w/{workspace}/projects/{id}': {
    minRole: 'admin',
    writes: true,
    ok: 204,
    build: async (f) => ({ path: `/w/${f.slug}/projects/${await createProject(f)}` }),
  },
  'GET /w/{workspace}/api-keys': { minRole: 'admin', writes: false, ok: 200, build: async (f) => ({ path: `/w/${f.slug}/api-keys` }) },
  'POST /w/{workspace}/api-keys': {
    minRole: 'admin',
    writes: true,
    ok: 201,
    build: async (f) => ({ path: `/w/${f.slug}/api-keys`, body: { name: 'suite key', role: 'viewer' } }),
  },
  'DELETE /w/{workspace}/api-keys/{id}': {
    minRole: 'admin',
    writes: true,
    ok: 204,
    build: async (f) => ({ path: `/w/${f.slug}/api-keys/${await createKey(f)}` }),
  },
  'POST /w/{workspace}/audit-exports': { minRole: 'admin', writes: true, ok: 202, build: async (f) => ({ path: `/w/${f.slug}/audit-exports` }) },
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
