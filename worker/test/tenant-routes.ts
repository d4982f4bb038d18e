/// <reference types="vite/client" />
import type { Role } from '../kernel/actor.ts';
import { registeredModules } from '../modules/assembly.ts';

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

const isolationFiles = import.meta.glob<Record<string, TenantRouteCase>>('../modules/*/*.isolation.ts', {
  eager: true,
  import: 'isolationCases',
});

/**
 * Every tenant route's case, assembled from the registry: each registered module's
 * `<name>/<name>.isolation.ts` (test code, so it is found by the module's name rather than named in
 * its manifest, which the app bundles). A route declared twice, or an isolation file of a module
 * the registry does not list, is an error.
 */
export function tenantRoutes(): Record<string, TenantRouteCase> {
  const cases: Record<string, TenantRouteCase> = {};
  const fileOf = (name: string) => `../modules/${name}/${name}.isolation.ts`;
  const registered = new Set(registeredModules().map((m) => fileOf(m.name)));
  const unclaimed = Object.keys(isolationFiles).filter((file) => !registered.has(file));
  if (unclaimed.length > 0) throw new Error(`isolation cases of no registered module: ${unclaimed.join(', ')}`);
  for (const m of registeredModules()) {
    for (const [route, routeCase] of Object.entries(isolationFiles[fileOf(m.name)] ?? {})) {
      if (route in cases) throw new Error(`${fileOf(m.name)}: ${route} already has an isolation case`);
      cases[route] = routeCase;
    }
  }
  return cases;
}
