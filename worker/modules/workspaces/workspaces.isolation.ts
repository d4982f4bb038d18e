import type { TenantRouteCase } from '../../test/tenant-routes.ts';

/**
 * The shared tenant-isolation suite's cases for this module's routes (the workspace itself (read, rename, delete, restore) and its onboarding checklist):
 * each route's lowest role, whether it writes, and a valid request in a fresh workspace
 * (worker/db/tenant-routes.security.test.ts). Test code only: the suite finds this file by the
 * module's name in the registry, the app never imports it.
 */
export const isolationCases: Record<string, TenantRouteCase> = {
  'GET /w/{workspace}': { minRole: 'viewer', writes: false, ok: 200, build: async (f) => ({ path: `/w/${f.slug}` }) },
  'PATCH /w/{workspace}': {
    minRole: 'admin',
    writes: true,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}`, body: { name: 'Renamed by the suite' } }),
  },
  'DELETE /w/{workspace}': { minRole: 'owner', writes: true, ok: 200, build: async (f) => ({ path: `/w/${f.slug}` }) },
  'POST /w/{workspace}/restore': {
    minRole: 'owner',
    writes: true,
    ok: 200,
    onDeleted: true,
    build: async (f) => ({ path: `/w/${f.slug}/restore` }),
  },
  'GET /w/{workspace}/onboarding': { minRole: 'viewer', writes: false, ok: 200, build: async (f) => ({ path: `/w/${f.slug}/onboarding` }) },
};
