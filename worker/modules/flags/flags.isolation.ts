import type { TenantRouteCase } from '../../test/tenant-routes.ts';

/**
 * The shared tenant-isolation suite's cases for this module's routes (worker/db/tenant-routes.security.test.ts).
 * Test code only: the suite finds this file by the module's name in the registry.
 */
export const isolationCases: Record<string, TenantRouteCase> = {
  'GET /w/{workspace}/flags': {
    minRole: 'viewer',
    writes: false,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/flags` }),
  },
};
