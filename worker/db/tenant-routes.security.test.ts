import { beforeAll, describe, expect, it } from 'vitest';
import { newApp, openApiInfo } from '../app.ts';
import type { Role } from '../kernel/actor.ts';
import { call, createWorkspace, signUp } from '../test/client.ts';
import { addMember, inspectSql } from '../test/db.ts';
import { setSuspended, workspaceUuid } from '../test/lifecycle.ts';
import { type RouteFixture, type RouteRequest, type TenantRouteCase, tenantRoutes } from '../test/tenant-routes.ts';

const TENANT_PREFIX = '/api/v1/w/:workspace';

/** Every tenant route the app serves, as `METHOD /w/{workspace}/…`, read from the app's own router. */
function servedTenantRoutes(): string[] {
  const routes = newApp().routes.filter((r) => r.method !== 'ALL' && (r.path === TENANT_PREFIX || r.path.startsWith(`${TENANT_PREFIX}/`)));
  const keys = routes.map((r) => `${r.method} ${r.path.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}')}`);
  return [...new Set(keys)].sort();
}

/** The tenant routes of the published OpenAPI document. */
function documentedTenantRoutes(): string[] {
  const doc = newApp().getOpenAPI31Document({ openapi: '3.1.0', info: openApiInfo });
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

async function prepared(route: TenantRouteCase): Promise<{ fixture: RouteFixture; request: RouteRequest }> {
  const fixture = await freshWorkspace();
  const request = await route.build(fixture);
  if (route.onDeleted) {
    const res = await call('DELETE', `/api/v1/w/${fixture.slug}`, { cookie: fixture.ownerCookie });
    if (res.status !== 200) throw new Error(`delete: ${res.status} ${res.text}`);
  }
  return { fixture, request };
}

const send = (key: string, request: RouteRequest, cookie?: string) =>
  call(methodOf(key), `/api/v1${request.path}`, { ...(cookie ? { cookie } : {}), ...(request.body !== undefined ? { body: request.body } : {}) });

describe('the tenant route registry', () => {
  it('has an entry for every tenant route the app serves, and no entry without a route', () => {
    const served = servedTenantRoutes();
    expect(served.length).toBeGreaterThan(10);
    const missing = served.filter((key) => !(key in tenantRoutes));
    const stale = Object.keys(tenantRoutes).filter((key) => !served.includes(key));
    expect({ missing, stale }, 'give each tenant route an isolation case: in its module\'s <m>.isolation.ts, or worker/test/tenant-routes.ts for the platform').toEqual({ missing: [], stale: [] });
  });

  it('matches the tenant routes of the OpenAPI document', () => {
    expect(documentedTenantRoutes()).toEqual(servedTenantRoutes());
  });
});

describe.each(Object.entries(tenantRoutes))('%s', (key, route) => {
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
