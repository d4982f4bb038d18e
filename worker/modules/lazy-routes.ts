import type { ModuleRouter } from './module.ts';

/**
 * A module's router built on the first request under one of its paths, so that an isolate loads and
 * builds a module's routes (their OpenAPI definitions, validators, schemas and the services only
 * they use) only once it serves one of them (docs/decisions/069-routes-built-on-first-use.md).
 * `build` imports the route file with `import()`, which the deploy build turns into a chunk of its
 * own (docs/decisions/075-route-chunks.md). `under` lists the paths (OpenAPI style, relative to where
 * the router is mounted) that every one of its routes starts with: `/w/{workspace}/projects` covers
 * that path and everything below it; `/w/{workspace}$` that path alone, for a router whose routes sit
 * on a path other routers' paths lie below. A test builds every router and fails on a route outside them.
 */
export interface LazyRoutes<R extends ModuleRouter = ModuleRouter> {
  readonly under: readonly string[];
  readonly build: () => Promise<R>;
}

/** `lazyRoutes(['/w/{workspace}/projects'], () => import('./projects.routes.ts').then((m) => m.projectRoutes()))`. */
export function lazyRoutes<R extends ModuleRouter>(under: readonly string[], build: () => Promise<R>): LazyRoutes<R> {
  if (under.length === 0) throw new Error('lazyRoutes: name at least one path its routes are under');
  for (const path of under) {
    const bare = path.endsWith('$') ? path.slice(0, -1) : path;
    if (!bare.startsWith('/') || bare.endsWith('/') || bare.includes('$')) {
      throw new Error(`lazyRoutes: "${path}" must start with / and not end with one ($ only last, for that path alone)`);
    }
  }
  return Object.freeze({ under, build });
}

/** A manifest's `routes` or `pages` entry: a router built with the module, or one built on first use. */
export type RouterEntry = ModuleRouter | LazyRoutes;

export const isLazy = (entry: RouterEntry): entry is LazyRoutes => 'build' in entry && 'under' in entry;

/** The router an entry stands for (for the web app's typed client). */
export type RouterOf<E> = E extends LazyRoutes<infer R> ? R : E;

const built = new Map<LazyRoutes, ModuleRouter>();
const building = new Map<LazyRoutes, Promise<ModuleRouter>>();

/** The router of an entry, loaded and built on the first call for a lazy one (concurrent first calls share one build). */
export async function routerOf(entry: RouterEntry): Promise<ModuleRouter> {
  if (!isLazy(entry)) return entry;
  const router = built.get(entry);
  if (router) return router;
  let pending = building.get(entry);
  if (!pending) {
    pending = entry.build().then(
      (fresh) => {
        built.set(entry, fresh);
        return fresh;
      },
      (error: unknown) => {
        // A failed load (a chunk that could not be fetched) is tried again by the next request.
        building.delete(entry);
        throw error;
      },
    );
    building.set(entry, pending);
  }
  return pending;
}

/** The entries' routers that can be mounted now: every eager one, and the lazy ones already built. */
export const mountable = (entries: readonly RouterEntry[]): ModuleRouter[] =>
  entries.flatMap((entry) => {
    if (!isLazy(entry)) return [entry];
    const router = built.get(entry);
    return router ? [router] : [];
  });

export const isBuilt = (entry: LazyRoutes) => built.has(entry);

/** A regular expression for a request path at or below one of `under` (at it, for one ending in `$`), mounted at `base`. */
export function pathsUnder(base: string, under: readonly string[]): RegExp {
  const alternatives = under.map((path) => {
    const alone = path.endsWith('$');
    const pattern = `${base}${alone ? path.slice(0, -1) : path}`
      .split(/\{\w+\}/)
      .map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]+');
    return alone ? `${pattern}$` : `${pattern}(?:/|$)`;
  });
  return new RegExp(`^(?:${alternatives.join('|')})`);
}
