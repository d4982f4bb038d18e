import { call } from '../../test/client.ts';
import type { RouteFixture, TenantRouteCase } from '../../test/tenant-routes.ts';

async function createKey(f: RouteFixture): Promise<string> {
  const res = await call('POST', `/api/v1/w/${f.slug}/api-keys`, { cookie: f.ownerCookie, body: { name: 'registry key', role: 'viewer' } });
  if (res.status !== 201) throw new Error(`api key: ${res.status} ${res.text}`);
  return res.json.id as string;
}

/**
 * The shared tenant-isolation suite's cases for this module's routes (API keys):
 * each route's lowest role, whether it writes, and a valid request in a fresh workspace
 * (worker/db/tenant-routes.security.test.ts). Test code only: the suite finds this file by the
 * module's name in the registry, the app never imports it.
 */
export const isolationCases: Record<string, TenantRouteCase> = {
  'GET /w/{workspace}/api-keys': { minRole: 'admin', writes: false, ok: 200, build: async (f) => ({ path: `/w/${f.slug}/api-keys` }) },
  'POST /w/{workspace}/api-keys': {
    mintsCredential: true,
    minRole: 'admin',
    writes: true,
    ok: 201,
    build: async (f) => ({ path: `/w/${f.slug}/api-keys`, body: { name: 'suite key', role: 'viewer' } }),
  },
  'DELETE /w/{workspace}/api-keys/{id}': {
    minRole: 'admin',
    writes: true,
    ok: 204,
    build: async (f) => ({ path: `/w/${f.slug}/api-keys/${await createKey(f)}` }),
  },
  'POST /w/{workspace}/api-keys/{id}/transfer': {
    mintsCredential: true,
    minRole: 'owner',
    writes: true,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/api-keys/${await createKey(f)}/transfer` }),
  },
};
