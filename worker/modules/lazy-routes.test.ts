import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { servingApp } from '../app.ts';
import { installModules } from './assembly.ts';
import { isBuilt, isLazy, lazyRoutes, type LazyRoutes, pathsUnder, routerOf } from './lazy-routes.ts';
import type { ModuleManifest } from './module.ts';
import * as registry from './registry.ts';
import { newRouter } from './router.ts';

const modules = Object.values(registry) as ModuleManifest[];
const lazyOf = (module: ModuleManifest) => [...(module.pages ?? []), ...(module.routes ?? [])].filter(isLazy);
/** Platform modules' routers: the sample module is removable. */
const routersUnder = (path: string) => modules.flatMap(lazyOf).filter((entry) => entry.under.includes(path));
const teamsRoutes = routersUnder('/w/{workspace}/teams');
const webhooksRoutes = routersUnder('/w/{workspace}/webhooks');
const workspaceSettingsRoutes = routersUnder('/w/{workspace}$');

describe('a module router built on first use', () => {
  // First, while this test file's isolate has built none of them.
  it('is built on the first request under its paths, and no other module is', async () => {
    installModules(modules);
    const app = servingApp();
    const all = modules.flatMap(lazyOf);
    expect(all.some(isBuilt)).toBe(false);

    const health = await app.fetch(
      new Request('http://localhost/health', { headers: { 'cf-connecting-ip': '10.9.0.1' } }),
      env,
      executionContext(),
    );
    expect(health.status).not.toBe(404);
    expect(all.some(isBuilt)).toBe(false);

    const list = await app.fetch(
      new Request('http://localhost/api/v1/w/acme/teams?limit=5', { headers: { 'cf-connecting-ip': '10.9.0.2' } }),
      env,
      executionContext(),
    );
    expect(list.status).toBe(401);
    expect(teamsRoutes.length).toBe(1);
    expect(teamsRoutes.every(isBuilt)).toBe(true);
    expect(webhooksRoutes.length).toBe(1);
    expect(webhooksRoutes.some(isBuilt)).toBe(false);
    // The workspace's own settings sit at the path every tenant route lies below: they wait for it.
    expect(workspaceSettingsRoutes.length).toBe(1);
    expect(workspaceSettingsRoutes.some(isBuilt)).toBe(false);
  });

  it('answers a path no router is under with the error envelope, building nothing', async () => {
    const app = servingApp();
    const response = await app.fetch(
      new Request('http://localhost/api/v1/no-such-route', { headers: { 'cf-connecting-ip': '10.9.0.3' } }),
      env,
      executionContext(),
    );
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    expect(webhooksRoutes.some(isBuilt)).toBe(false);
  });

  it('builds every router for the API document, which lists every route', async () => {
    expect(webhooksRoutes.some(isBuilt)).toBe(false);
    const response = await servingApp().fetch(
      new Request('http://localhost/api/v1/openapi.json', { headers: { 'cf-connecting-ip': '10.9.0.4' } }),
      env,
      executionContext(),
    );
    const document = (await response.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toContain('/api/v1/w/{workspace}/webhooks');
    expect(webhooksRoutes.every(isBuilt)).toBe(true);
  });

  it('is built once, whoever asks first, also when they ask at the same time', async () => {
    let builds = 0;
    const entry = lazyRoutes(['/x'], async () => {
      builds++;
      return newRouter();
    });
    const [first, second] = await Promise.all([routerOf(entry), routerOf(entry)]);
    expect(second).toBe(first);
    expect(await routerOf(entry)).toBe(first);
    expect(builds).toBe(1);
    expect(isBuilt(entry)).toBe(true);
  });

  it('is loaded again after a failed load', async () => {
    let attempts = 0;
    const entry = lazyRoutes(['/x'], async () => {
      attempts++;
      if (attempts === 1) throw new Error('chunk unavailable');
      return newRouter();
    });
    await expect(routerOf(entry)).rejects.toThrow('chunk unavailable');
    expect(isBuilt(entry)).toBe(false);
    await routerOf(entry);
    expect(isBuilt(entry)).toBe(true);
    expect(attempts).toBe(2);
  });
});

describe('the paths a lazy router is under', () => {
  it('covers every route of every module router', async () => {
    const entries: Array<{ module: string; entry: LazyRoutes; base: string }> = modules.flatMap((m) => [
      ...(m.pages ?? []).filter(isLazy).map((entry) => ({ module: m.name, entry, base: '' })),
      ...(m.routes ?? []).filter(isLazy).map((entry) => ({ module: m.name, entry, base: '/api/v1' })),
    ]);
    expect(entries.length).toBeGreaterThan(20);
    const outside: string[] = [];
    for (const { module, entry, base } of entries) {
      const router = await routerOf(entry);
      const paths = pathsUnder(base, entry.under);
      for (const route of router.routes) {
        if (!paths.test(`${base}${route.path}`))
          outside.push(`${module}: ${route.method} ${route.path} is not under ${entry.under.join(', ')}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('matches a path at or below one of them, whatever a parameter holds', () => {
    const paths = pathsUnder('/api/v1', ['/w/{workspace}/teams', '/me']);
    expect(paths.test('/api/v1/w/acme/teams')).toBe(true);
    expect(paths.test('/api/v1/w/acme/teams/team_1/members')).toBe(true);
    expect(paths.test('/api/v1/me')).toBe(true);
    expect(paths.test('/api/v1/w/acme/teams-archive')).toBe(false);
    expect(paths.test('/api/v1/w/acme/other/teams')).toBe(false);
    expect(paths.test('/api/v1/meetings')).toBe(false);
    expect(paths.test('/api/v2/me')).toBe(false);
  });

  it('matches one ending in $ only at that path, not below it', () => {
    const paths = pathsUnder('/api/v1', ['/w/{workspace}$', '/w/{workspace}/restore']);
    expect(paths.test('/api/v1/w/acme')).toBe(true);
    expect(paths.test('/api/v1/w/acme/restore')).toBe(true);
    expect(paths.test('/api/v1/w/acme/projects')).toBe(false);
    expect(paths.test('/api/v1/w/acme/')).toBe(false);
  });

  it('refuses a path that is not one', () => {
    expect(() => lazyRoutes([], async () => newRouter())).toThrow(/at least one path/);
    expect(() => lazyRoutes(['w/{workspace}'], async () => newRouter())).toThrow(/must start with \//);
    expect(() => lazyRoutes(['/me/'], async () => newRouter())).toThrow(/not end with one/);
    expect(() => lazyRoutes(['/me/$'], async () => newRouter())).toThrow(/not end with one/);
    expect(() => lazyRoutes(['/w/$x'], async () => newRouter())).toThrow(/\$ only last/);
  });
});

function executionContext(): ExecutionContext {
  return { waitUntil: () => undefined, passThroughOnException: () => undefined, props: {} } as unknown as ExecutionContext;
}
