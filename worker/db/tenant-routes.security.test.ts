import { beforeAll, describe, expect, it } from 'vitest';
import { appWithEveryRoute } from '../app.ts';
import { openApiInfo } from '../api-document.ts';
import type { Role } from '../kernel/actor.ts';
import { call, createWorkspace, signUp } from '../test/client.ts';
import { addMember, inspectSql, ownerSql } from '../test/db.ts';
import { setSuspended, workspaceUuid } from '../test/lifecycle.ts';
import { type RouteFixture, type RouteRequest, type TenantRouteCase, tenantRoutes } from '../test/tenant-routes.ts';

const casesByRoute = tenantRoutes();
const everyRoute = await appWithEveryRoute();
import { setContextText } from './context.ts';

const TENANT_PREFIX = '/api/v1/w/:workspace';

/** Every tenant route the app serves, as `METHOD /w/{workspace}/…`, read from the app's own router. */
function servedTenantRoutes(): string[] {
  const routes = everyRoute.routes.filter(
    (r) => r.method !== 'ALL' && (r.path === TENANT_PREFIX || r.path.startsWith(`${TENANT_PREFIX}/`)),
  );
  const keys = routes.map((r) => `${r.method} ${r.path.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}')}`);
  return [...new Set(keys)].sort();
}

/** The tenant routes of the published OpenAPI document. */
function documentedTenantRoutes(): string[] {
  const doc = everyRoute.getOpenAPI31Document({ openapi: '3.1.0', info: openApiInfo });
  return Object.entries(doc.paths ?? {})
    .filter(([path]) => path === '/api/v1/w/{workspace}' || path.startsWith('/api/v1/w/{workspace}/'))
    .flatMap(([path, item]) =>
      Object.keys(item ?? {})
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path.slice('/api/v1'.length)}`),
    )
    .sort();
}

const roleBelow: Record<Role, Role | null> = { viewer: null, member: 'viewer', admin: 'member', owner: 'admin' };
const methodOf = (key: string) => key.split(' ')[0] as string;

type Person = Awaited<ReturnType<typeof signUp>>;
let people: Record<Role | 'outsider', Person>;

beforeAll(async () => {
  const [owner, admin, member, viewer, outsider] = await Promise.all(
    ['Owner', 'Admin', 'Member', 'Viewer', 'Outsider'].map((name) => signUp(name)),
  );
  people = { owner, admin, member, viewer, outsider } as Record<Role | 'outsider', Person>;
  // The outsider is a member of a workspace too, just not of the ones under test.
  await createWorkspace(people.outsider.cookie, 'Elsewhere');
});

async function userId(person: Person): Promise<string> {
  const [row] = await inspectSql()`select id from "user" where email = ${person.email}`;
  return row?.id as string;
}

/** A new workspace of the suite's owner with the other three roles as members. */
async function freshWorkspace(): Promise<RouteFixture> {
  const ws = await createWorkspace(people.owner.cookie, 'Suite');
  const workspaceId = workspaceUuid(ws.id);
  for (const role of ['admin', 'member', 'viewer'] as const) await addMember(workspaceId, await userId(people[role]), role);
  return { slug: ws.slug, publicId: ws.id, workspaceId, ownerCookie: people.owner.cookie };
}

async function prepared(
  route: TenantRouteCase,
  beforeDelete?: (fixture: RouteFixture) => Promise<void>,
): Promise<{ fixture: RouteFixture; request: RouteRequest }> {
  const fixture = await freshWorkspace();
  const request = await route.build(fixture);
  await beforeDelete?.(fixture);
  if (route.onDeleted) {
    const res = await call('DELETE', `/api/v1/w/${fixture.slug}`, { cookie: fixture.ownerCookie });
    if (res.status !== 200) throw new Error(`delete: ${res.status} ${res.text}`);
  }
  return { fixture, request };
}

/** A route's own answer: a redirect (a member's avatar) is checked as it is, not where it leads. */
const send = (key: string, request: RouteRequest, cookie?: string) =>
  call(methodOf(key), `/api/v1${request.path}`, {
    redirect: 'manual',
    ...(cookie ? { cookie } : {}),
    ...(request.body !== undefined ? { body: request.body } : {}),
  });

/** The same request with a bearer credential (an API key or a personal access token) instead of a cookie. */
const sendWith = (key: string, request: RouteRequest, bearer: string) =>
  call(methodOf(key), `/api/v1${request.path}`, {
    apiKey: bearer,
    redirect: 'manual',
    ...(request.body !== undefined ? { body: request.body } : {}),
  });

/** An admin API key made by the suite's admin in the fixture's workspace; returns the secret. */
async function adminKey(fixture: RouteFixture): Promise<string> {
  const res = await call('POST', `/api/v1/w/${fixture.slug}/api-keys`, {
    cookie: people.admin.cookie,
    body: { name: 'suite admin key', role: 'admin' },
  });
  if (res.status !== 201) throw new Error(`admin key: ${res.status} ${res.text}`);
  return res.json.key as string;
}

async function setRole(fixture: RouteFixture, person: Person, role: Role | null) {
  const id = await userId(person);
  const sql = ownerSql();
  await sql.transaction([
    sql.query(setContextText('workspace_id'), [fixture.workspaceId]),
    role === null
      ? sql`delete from membership where workspace_id = ${fixture.workspaceId} and user_id = ${id}`
      : sql`update membership set role = ${role} where workspace_id = ${fixture.workspaceId} and user_id = ${id}`,
  ]);
}

describe('the tenant route registry', () => {
  it('has an entry for every tenant route the app serves, and no entry without a route', () => {
    const served = servedTenantRoutes();
    expect(served.length).toBeGreaterThan(10);
    const missing = served.filter((key) => !(key in casesByRoute));
    const stale = Object.keys(casesByRoute).filter((key) => !served.includes(key));
    expect({ missing, stale }, "give each tenant route an isolation case in its module's <m>/<m>.isolation.ts").toEqual({
      missing: [],
      stale: [],
    });
  });

  it('matches the tenant routes of the OpenAPI document', () => {
    expect(documentedTenantRoutes()).toEqual(servedTenantRoutes());
  });
});

describe.each(Object.entries(casesByRoute))('%s', (key, route) => {
  it(`works for the minimum role (${route.minRole}) and answers 401 without credentials`, async () => {
    const { request } = await prepared(route);
    const anonymous = await send(key, request);
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error.code).toBe('UNAUTHENTICATED');
    const allowed = await send(key, request, people[route.minRole].cookie);
    expect(allowed.status, allowed.text).toBe(route.ok);
  });

  it('is a 404 with no data for a member of another workspace', async () => {
    const { fixture, request } = await prepared(route);
    const res = await send(key, request, people.outsider.cookie);
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: { code: 'NOT_FOUND', message: 'Workspace not found', request_id: expect.any(String) } });
    expect(res.text).not.toContain(fixture.publicId);
  });

  const lowerRole = roleBelow[route.minRole];
  if (lowerRole !== null) {
    it(`is a 403 for the role below ${route.minRole}`, async () => {
      const { request } = await prepared(route);
      const res = await send(key, request, people[lowerRole].cookie);
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe('FORBIDDEN');
    });
  }

  it(route.onDeleted ? 'still works in a deleted workspace' : 'answers WORKSPACE_DELETED in a deleted workspace', async () => {
    const { fixture, request } = await prepared(route);
    if (!route.onDeleted) await call('DELETE', `/api/v1/w/${fixture.slug}`, { cookie: fixture.ownerCookie });
    const res = await send(key, request, people.owner.cookie);
    if (route.onDeleted) {
      expect(res.status, res.text).toBe(route.ok);
    } else {
      expect(res.status).toBe(410);
      expect(res.json.error.code).toBe('WORKSPACE_DELETED');
    }
  });

  // An API key acts for its maker, never beyond them (docs/decisions/029-credential-authority.md).
  it('refuses an API key whose maker is no longer a member, like an unknown key (401)', async () => {
    let secret = '';
    const { request } = await prepared(route, async (fixture) => {
      secret = await adminKey(fixture);
      await setRole(fixture, people.admin, null);
    });
    const res = await sendWith(key, request, secret);
    expect(res.status, res.text).toBe(401);
    expect(res.json.error.code).toBe('UNAUTHENTICATED');
  });

  if (route.minRole !== 'viewer') {
    it('gives an admin key no more than its maker’s current role (demoted to viewer: 403)', async () => {
      let secret = '';
      const { request } = await prepared(route, async (fixture) => {
        secret = await adminKey(fixture);
        await setRole(fixture, people.admin, 'viewer');
      });
      const res = await sendWith(key, request, secret);
      expect(res.status, res.text).toBe(403);
    });
  }

  if (route.mintsCredential) {
    it('refuses an API key and a personal access token: credentials do not mint credentials', async () => {
      const { fixture, request } = await prepared(route);
      const byKey = await sendWith(key, request, await adminKey(fixture));
      expect(byKey.status, byKey.text).toBe(403);
      expect(byKey.json.error.code).toBe('CREDENTIAL_CANNOT_MINT');
      const pat = await call('POST', '/api/v1/me/tokens', {
        cookie: people.owner.cookie,
        body: { name: 'suite token', scopes: ['read', 'write'], expires_in_days: 1 },
      });
      expect(pat.status).toBe(201);
      const byToken = await sendWith(key, request, pat.json.token as string);
      expect(byToken.status, byToken.text).toBe(403);
      expect(byToken.json.error.code).toBe('CREDENTIAL_CANNOT_MINT');
      // The same request still works for the owner signed in: the refusal is about the credential.
      expect((await send(key, request, people.owner.cookie)).status).toBe(route.ok);
    });
  }

  // Restoring is not refused by a suspension: the workspace comes back, still suspended.
  const refusedWhenSuspended = route.writes && !route.onDeleted;
  it(refusedWhenSuspended ? 'answers WORKSPACE_SUSPENDED in a suspended workspace' : 'still works in a suspended workspace', async () => {
    const { fixture, request } = await prepared(route);
    await setSuspended(fixture.workspaceId, true);
    const res = await send(key, request, people[route.minRole].cookie);
    if (refusedWhenSuspended) {
      expect(res.status).toBe(423);
      expect(res.json.error.code).toBe('WORKSPACE_SUSPENDED');
    } else {
      expect(res.status, res.text).toBe(route.ok);
    }
  });
});
