import { call } from '../../test/client.ts';
import { attachmentIsolationCases, cleanFile } from '../files/attachments.test-helpers.ts';
import type { RouteFixture, TenantRouteCase } from '../../test/tenant-routes.ts';

/** A project in the fixture's workspace; returns its public id. */
export async function createProject(f: { slug: string; ownerCookie: string }): Promise<string> {
  const res = await call('POST', `/api/v1/w/${f.slug}/projects`, { cookie: f.ownerCookie, body: { name: 'registry project' } });
  if (res.status !== 201) throw new Error(`project: ${res.status} ${res.text}`);
  return res.json.id as string;
}

async function deletedProject(f: RouteFixture): Promise<string> {
  const id = await createProject(f);
  const res = await call('DELETE', `/api/v1/w/${f.slug}/projects/${id}`, { cookie: f.ownerCookie });
  if (res.status !== 204) throw new Error(`delete: ${res.status} ${res.text}`);
  return id;
}

/** Uploads a CSV through the files module and scans it clean; returns its `fil_…` id. */
export const uploadCsv = (f: { slug: string; workspaceId: string; ownerCookie: string }, text: string, name = 'projects.csv') =>
  cleanFile(f, text, name, 'text/csv');

/**
 * The shared tenant-isolation suite's cases for this module's routes (worker/db/tenant-routes.security.test.ts):
 * each route's lowest role, whether it writes, and a valid request in a fresh workspace. Test code
 * only: the suite finds this file by its name, the app never imports it.
 */
export const isolationCases: Record<string, TenantRouteCase> = {
  'GET /w/{workspace}/projects': { minRole: 'viewer', writes: false, ok: 200, build: async (f) => ({ path: `/w/${f.slug}/projects` }) },
  'POST /w/{workspace}/projects': {
    minRole: 'member',
    writes: true,
    ok: 201,
    build: async (f) => ({ path: `/w/${f.slug}/projects`, body: { name: 'made by the suite' } }),
  },
  'GET /w/{workspace}/projects/{id}': {
    minRole: 'viewer',
    writes: false,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/projects/${await createProject(f)}` }),
  },
  ...attachmentIsolationCases('/w/{workspace}/projects/{id}', createProject),
  'PATCH /w/{workspace}/projects/{id}': {
    minRole: 'member',
    writes: true,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/projects/${await createProject(f)}`, body: { name: 'renamed' } }),
  },
  'DELETE /w/{workspace}/projects/{id}': {
    minRole: 'admin',
    writes: true,
    ok: 204,
    build: async (f) => ({ path: `/w/${f.slug}/projects/${await createProject(f)}` }),
  },
  'POST /w/{workspace}/projects/{id}/restore': {
    minRole: 'admin',
    writes: true,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/projects/${await deletedProject(f)}/restore` }),
  },
  'POST /w/{workspace}/projects/imports': {
    minRole: 'member',
    writes: true,
    ok: 202,
    build: async (f) => ({ path: `/w/${f.slug}/projects/imports`, body: { file_id: await uploadCsv(f, 'name\nSuite import\n') } }),
  },
};
