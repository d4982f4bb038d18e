/// <reference types="vite/client" />
import { env } from 'cloudflare:workers';
import type { Role } from '../kernel/actor.ts';
import { parsePublicId } from '../kernel/ids.ts';
import { idpUrl, publishTxt } from '../modules/oauth/testing.ts';
import { call, unique } from './client.ts';
import { ownerSql } from './db.ts';
import { setContextText } from '../db/context.ts';

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
  /**
   * The route mints a credential or changes who can sign in to the workspace: an API key and a
   * personal access token are refused with CREDENTIAL_CANNOT_MINT, whatever their role or scopes.
   */
  mintsCredential?: boolean;
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
    sql.query(setContextText('workspace_id'), [f.workspaceId]),
    sql`update audit_export set status = 'done', object_key = ${key}, row_count = 1, finished_at = now(), expires_at = now() + interval '7 days' where id = ${uuid}`,
  ]);
  return id;
}

/** The `mem_…` id of the fixture's member holding `role` (each fixture has one of each). */
async function memberWithRole(f: RouteFixture, role: Role): Promise<string> {
  const res = await call('GET', `/api/v1/w/${f.slug}/members`, { cookie: f.ownerCookie });
  if (res.status !== 200) throw new Error(`members: ${res.status} ${res.text}`);
  const found = (res.json.items as Array<{ id: string; role: Role }>).find((m) => m.role === role);
  if (!found) throw new Error(`no ${role} in the fixture`);
  return found.id;
}

async function createTeam(f: RouteFixture): Promise<string> {
  const res = await call('POST', `/api/v1/w/${f.slug}/teams`, { cookie: f.ownerCookie, body: { name: unique('team') } });
  if (res.status !== 201) throw new Error(`team: ${res.status} ${res.text}`);
  return res.json.id as string;
}

/** A team with the fixture's viewer in it: `{team}/members/{member}`. */
async function teamPlace(f: RouteFixture): Promise<string> {
  const team = await createTeam(f);
  const member = await memberWithRole(f, 'viewer');
  const res = await call('POST', `/api/v1/w/${f.slug}/teams/${team}/members`, { cookie: f.ownerCookie, body: { member_id: member } });
  if (res.status !== 200) throw new Error(`team member: ${res.status} ${res.text}`);
  return `${team}/members/${member}`;
}

async function createInvite(f: RouteFixture): Promise<string> {
  const res = await call('POST', `/api/v1/w/${f.slug}/invites`, {
    cookie: f.ownerCookie,
    body: { email: `${unique('invitee')}@example.com`, role: 'member' },
  });
  if (res.status !== 201) throw new Error(`invite: ${res.status} ${res.text}`);
  return res.json.id as string;
}

/** A single sign-on connection against the local OpenID Provider (its discovery document is checked). */
async function createSsoConnection(f: RouteFixture): Promise<void> {
  const res = await call('PUT', `/api/v1/w/${f.slug}/sso-connection`, {
    cookie: f.ownerCookie,
    body: { issuer: idpUrl, client_id: 'registry-client', client_secret: 'registry-secret' },
  });
  if (res.status !== 200) throw new Error(`sso connection: ${res.status} ${res.text}`);
}

/** A domain claimed by the workspace's connection, not yet verified; its TXT record is published when asked. */
async function claimDomain(f: RouteFixture, { publish }: { publish: boolean }): Promise<string> {
  await createSsoConnection(f);
  const domain = `${unique('registry')}.test`;
  const res = await call('POST', `/api/v1/w/${f.slug}/sso-connection/domains`, { cookie: f.ownerCookie, body: { domain } });
  if (res.status !== 200) throw new Error(`sso domain: ${res.status} ${res.text}`);
  const record = (res.json.domains as Array<{ domain: string; verification: { name: string; value: string } }>).find(
    (d) => d.domain === domain,
  );
  if (!record) throw new Error('the claimed domain is not listed');
  if (publish) await publishTxt(record.verification.name, record.verification.value);
  return domain;
}

/**
 * The platform's cases, keyed `METHOD /w/{workspace}/…` exactly as the route is declared (OpenAPI
 * path syntax). A module of its own keeps its cases next to it, in `<m>.isolation.ts` (exporting
 * `isolationCases`): test code only, found by the glob below, never imported by the app.
 */
const platformRoutes: Record<string, TenantRouteCase> = {
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
  'GET /w/{workspace}/api-keys': { minRole: 'admin', writes: false, ok: 200, build: async (f) => ({ path: `/w/${f.slug}/api-keys` }) },
  'POST /w/{workspace}/api-keys': {
    mintsCredential: true,
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
  'POST /w/{workspace}/api-keys/{id}/transfer': {
    mintsCredential: true,
    minRole: 'owner',
    writes: true,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/api-keys/${await createKey(f)}/transfer` }),
  },
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
  'GET /w/{workspace}/onboarding': { minRole: 'viewer', writes: false, ok: 200, build: async (f) => ({ path: `/w/${f.slug}/onboarding` }) },
  'POST /w/{workspace}/leave': { minRole: 'viewer', writes: true, ok: 204, build: async (f) => ({ path: `/w/${f.slug}/leave` }) },
  'GET /w/{workspace}/members': { minRole: 'viewer', writes: false, ok: 200, build: async (f) => ({ path: `/w/${f.slug}/members` }) },
  'PATCH /w/{workspace}/members/{id}': {
    minRole: 'admin',
    writes: true,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/members/${await memberWithRole(f, 'viewer')}`, body: { role: 'member' } }),
  },
  'DELETE /w/{workspace}/members/{id}': {
    minRole: 'admin',
    writes: true,
    ok: 204,
    build: async (f) => ({ path: `/w/${f.slug}/members/${await memberWithRole(f, 'viewer')}` }),
  },
  'POST /w/{workspace}/transfer-ownership': {
    minRole: 'owner',
    writes: true,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/transfer-ownership`, body: { member_id: await memberWithRole(f, 'admin') } }),
  },
  'GET /w/{workspace}/invites': { minRole: 'admin', writes: false, ok: 200, build: async (f) => ({ path: `/w/${f.slug}/invites` }) },
  'POST /w/{workspace}/invites': {
    minRole: 'admin',
    writes: true,
    ok: 201,
    build: async (f) => ({ path: `/w/${f.slug}/invites`, body: { email: `${unique('suite-invitee')}@example.com`, role: 'member' } }),
  },
  'POST /w/{workspace}/invites/{id}/resend': {
    minRole: 'admin',
    writes: true,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/invites/${await createInvite(f)}/resend` }),
  },
  'DELETE /w/{workspace}/invites/{id}': {
    minRole: 'admin',
    writes: true,
    ok: 204,
    build: async (f) => ({ path: `/w/${f.slug}/invites/${await createInvite(f)}` }),
  },
  'GET /w/{workspace}/teams': { minRole: 'viewer', writes: false, ok: 200, build: async (f) => ({ path: `/w/${f.slug}/teams` }) },
  'POST /w/{workspace}/teams': {
    minRole: 'admin',
    writes: true,
    ok: 201,
    build: async (f) => ({ path: `/w/${f.slug}/teams`, body: { name: 'made by the suite' } }),
  },
  'GET /w/{workspace}/teams/{id}': {
    minRole: 'viewer',
    writes: false,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/teams/${await createTeam(f)}` }),
  },
  'PATCH /w/{workspace}/teams/{id}': {
    minRole: 'admin',
    writes: true,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/teams/${await createTeam(f)}`, body: { name: 'renamed by the suite' } }),
  },
  'DELETE /w/{workspace}/teams/{id}': {
    minRole: 'admin',
    writes: true,
    ok: 204,
    build: async (f) => ({ path: `/w/${f.slug}/teams/${await createTeam(f)}` }),
  },
  'POST /w/{workspace}/teams/{id}/members': {
    minRole: 'admin',
    writes: true,
    ok: 200,
    build: async (f) => ({
      path: `/w/${f.slug}/teams/${await createTeam(f)}/members`,
      body: { member_id: await memberWithRole(f, 'member') },
    }),
  },
  'DELETE /w/{workspace}/teams/{id}/members/{memberId}': {
    minRole: 'admin',
    writes: true,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/teams/${await teamPlace(f)}` }),
  },
  'GET /w/{workspace}/sso-connection': {
    minRole: 'admin',
    writes: false,
    ok: 200,
    build: async (f) => {
      await createSsoConnection(f);
      return { path: `/w/${f.slug}/sso-connection` };
    },
  },
  'PUT /w/{workspace}/sso-connection': {
    mintsCredential: true,
    minRole: 'admin',
    writes: true,
    ok: 200,
    build: async (f) => ({
      path: `/w/${f.slug}/sso-connection`,
      body: { issuer: idpUrl, client_id: 'suite-client', client_secret: 'suite-secret', default_role: 'viewer' },
    }),
  },
  'DELETE /w/{workspace}/sso-connection': {
    mintsCredential: true,
    minRole: 'admin',
    writes: true,
    ok: 204,
    build: async (f) => {
      await createSsoConnection(f);
      return { path: `/w/${f.slug}/sso-connection` };
    },
  },
  'POST /w/{workspace}/sso-connection/domains': {
    mintsCredential: true,
    minRole: 'admin',
    writes: true,
    ok: 200,
    build: async (f) => {
      await createSsoConnection(f);
      return { path: `/w/${f.slug}/sso-connection/domains`, body: { domain: `${unique('suite')}.test` } };
    },
  },
  'POST /w/{workspace}/sso-connection/domains/{domain}/verify': {
    mintsCredential: true,
    minRole: 'admin',
    writes: true,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/sso-connection/domains/${await claimDomain(f, { publish: true })}/verify` }),
  },
  'DELETE /w/{workspace}/sso-connection/domains/{domain}': {
    mintsCredential: true,
    minRole: 'admin',
    writes: true,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/sso-connection/domains/${await claimDomain(f, { publish: false })}` }),
  },
};

const moduleCases = import.meta.glob<Record<string, TenantRouteCase>>('../modules/*/*.isolation.ts', {
  eager: true,
  import: 'isolationCases',
});

/** Every tenant route's case: the platform's and each module's; a route declared twice is an error. */
export const tenantRoutes: Record<string, TenantRouteCase> = { ...platformRoutes };
for (const [file, cases] of Object.entries(moduleCases)) {
  for (const [route, routeCase] of Object.entries(cases)) {
    if (route in tenantRoutes) throw new Error(`${file}: ${route} already has an isolation case`);
    tenantRoutes[route] = routeCase;
  }
}
