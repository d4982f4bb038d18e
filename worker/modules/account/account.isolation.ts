import type { TenantRouteCase } from '../../test/tenant-routes.ts';

/**
 * The shared tenant-isolation suite's cases for this module's routes (leaving a workspace):
 * each route's lowest role, whether it writes, and a valid request in a fresh workspace
 * (worker/db/tenant-routes.security.test.ts). Test code only: the suite finds this file by the
 * module's name in the registry, the app never imports it.
 */
export const isolationCases: Record<string, TenantRouteCase> = {
  'POST /w/{workspace}/leave': { minRole: 'viewer', writes: true, ok: 204, build: async (f) => ({ path: `/w/${f.slug}/leave` }) },
};
