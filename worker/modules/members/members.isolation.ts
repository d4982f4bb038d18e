import type { Role } from '../../kernel/actor.ts';
import { call, unique } from '../../test/client.ts';
import type { RouteFixture, TenantRouteCase } from '../../test/tenant-routes.ts';

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

/**
 * The shared tenant-isolation suite's cases for this module's routes (members, invites, teams and the transfer of ownership):
 * each route's lowest role, whether it writes, and a valid request in a fresh workspace
 * (worker/db/tenant-routes.security.test.ts). Test code only: the suite finds this file by the
 * module's name in the registry, the app never imports it.
 */
export const isolationCases: Record<string, TenantRouteCase> = {
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
};
