import { createMiddleware } from 'hono/factory';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import { auth } from './auth.ts';
import { tenant } from './tenant.ts';

export type RouteGroup = 'public' | 'person' | 'tenant';

/**
 * Every API route belongs to one group, named by where its path lives, and the group decides what
 * auth runs; a module never mounts auth itself:
 *  - tenant: `/api/v1/w/{workspace}/…`: a credential, and the workspace named by the path;
 *  - person: `/api/v1/me…` and `/api/v1/workspaces…`: a signed-in person (or, where a route allows, a key);
 *  - public: anything else under `/api/v1`: the credential is read when present (log-in rotates a
 *    session, accepting an invite needs a person), never required.
 */
export const routeGroups: Record<RouteGroup, { paths: readonly string[]; chain: () => MiddlewareHandler<AppEnv>[] }> = {
  tenant: { paths: ['/api/v1/w/:workspace/*'], chain: () => [auth(), tenant()] },
  person: { paths: ['/api/v1/me', '/api/v1/me/*', '/api/v1/workspaces', '/api/v1/workspaces/*'], chain: () => [auth()] },
  public: { paths: ['/api/v1/*'], chain: () => [unlessGrouped(auth({ required: false }))] },
};

const groupedPath = /^\/api\/v1\/(?:w\/[^/]+|me|workspaces)(?:\/|$)/;

/** Public is what the other groups leave: their own auth has already run there. */
function unlessGrouped(link: MiddlewareHandler<AppEnv>) {
  return createMiddleware<AppEnv>(async (c, next) => (groupedPath.test(c.req.path) ? next() : link(c, next)));
}

/** The group of an OpenAPI path under `/api/v1` (`/w/{workspace}/projects`). */
export function routeGroupOf(path: string): RouteGroup {
  if (path === '/w/{workspace}' || path.startsWith('/w/{workspace}/')) return 'tenant';
  if (/^\/(me|workspaces)(\/|$)/.test(path)) return 'person';
  return 'public';
}
