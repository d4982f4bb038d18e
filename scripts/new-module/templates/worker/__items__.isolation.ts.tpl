import { call } from '../../test/client.ts';
import type { RouteFixture, TenantRouteCase } from '../../test/tenant-routes.ts';
import { attachmentIsolationCases } from '../files/attachments.test-helpers.ts'; // @attachments

async function create__Item__(f: RouteFixture): Promise<string> { // @no-attachments
export async function create__Item__(f: Pick<RouteFixture, 'slug' | 'ownerCookie'>): Promise<string> { // @attachments
  const res = await call('POST', `/api/v1/w/${f.slug}/__items__`, { cookie: f.ownerCookie, body: { name: 'made for the suite' } });
  if (res.status !== 201) throw new Error(`__item__: ${res.status} ${res.text}`);
  return res.json.id as string;
}

/**
 * The shared tenant-isolation suite's cases for this module's routes (worker/db/tenant-routes.security.test.ts):
 * each route's lowest role, whether it writes, and a valid request in a fresh workspace. Test code
 * only: the suite finds this file by its name, the app never imports it.
 */
export const isolationCases: Record<string, TenantRouteCase> = {
  'GET /w/{workspace}/__items__': { minRole: 'viewer', writes: false, ok: 200, build: async (f) => ({ path: `/w/${f.slug}/__items__` }) },
  'POST /w/{workspace}/__items__': {
    minRole: 'member',
    writes: true,
    ok: 201,
    build: async (f) => ({ path: `/w/${f.slug}/__items__`, body: { name: 'made by the suite' } }),
  },
  'GET /w/{workspace}/__items__/{id}': {
    minRole: 'viewer',
    writes: false,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/__items__/${await create__Item__(f)}` }),
  },
  'PATCH /w/{workspace}/__items__/{id}': {
    minRole: 'member',
    writes: true,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/__items__/${await create__Item__(f)}`, body: { name: 'renamed' } }),
  },
  'DELETE /w/{workspace}/__items__/{id}': {
    minRole: 'admin',
    writes: true,
    ok: 204,
    build: async (f) => ({ path: `/w/${f.slug}/__items__/${await create__Item__(f)}` }),
  },
  ...attachmentIsolationCases('/w/{workspace}/__items__/{id}', create__Item__), // @attachments
};
