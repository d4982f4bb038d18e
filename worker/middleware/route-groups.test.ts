import { describe, expect, it } from 'vitest';
import { appWithEveryRoute } from '../app.ts';
import { openApiInfo } from '../api-document.ts';
import { call, signUp } from '../test/client.ts';
import { routeGroupOf } from './route-groups.ts';

const everyRoute = await appWithEveryRoute();

const operations = () => {
  const doc = everyRoute.getOpenAPI31Document({ openapi: '3.1.0', info: openApiInfo });
  return Object.entries(doc.paths ?? {})
    .filter(([path]) => path.startsWith('/api/v1/'))
    .flatMap(([path, item]) =>
      Object.keys(item ?? {})
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((method) => ({ method: method.toUpperCase(), path: path.slice('/api/v1'.length) })),
    );
};

/** A request to the path with its parameters filled in (ids that exist nowhere). */
const concrete = (path: string) => `/api/v1${path.replace('{workspace}', 'some-workspace').replace(/\{\w+\}/g, 'x1')}`;

describe('auth by route group', () => {
  it("names each path's group from where it lives", () => {
    expect(routeGroupOf('/w/{workspace}')).toBe('tenant');
    expect(routeGroupOf('/w/{workspace}/projects/{id}')).toBe('tenant');
    expect(routeGroupOf('/me')).toBe('person');
    expect(routeGroupOf('/me/notifications')).toBe('person');
    expect(routeGroupOf('/workspaces/demo')).toBe('person');
    expect(routeGroupOf('/auth/login')).toBe('public');
    expect(routeGroupOf('/invites/{token}')).toBe('public');
    expect(routeGroupOf('/merchants')).toBe('public');
  });

  it('refuses every person and tenant operation of the API without a credential, whatever module declared it', async () => {
    const guarded = operations().filter((op) => routeGroupOf(op.path) !== 'public');
    expect(guarded.length).toBeGreaterThan(40);
    const answers: Record<string, number> = {};
    for (const op of guarded) {
      const res = await call(op.method, concrete(op.path), op.method === 'GET' || op.method === 'DELETE' ? {} : { body: {} });
      answers[`${op.method} ${op.path}`] = res.status;
    }
    expect(Object.entries(answers).filter(([, status]) => status !== 401)).toEqual([]);
  });

  it('reads a credential on public routes when one is presented, and never requires it', async () => {
    const person = await signUp();
    // Log-out is public: without a session it still answers, with one it ends it.
    expect((await call('POST', '/api/v1/auth/logout')).status).toBe(204);
    expect((await call('POST', '/api/v1/auth/logout', { cookie: person.cookie })).status).toBe(204);
    expect((await call('GET', '/api/v1/me', { cookie: person.cookie })).status).toBe(401);
  });
});
