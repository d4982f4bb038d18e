import { call } from '../../test/client.ts';
import type { RouteFixture, TenantRouteCase } from '../../test/tenant-routes.ts';
import { fileIds } from './files.ids.ts';
import { bytesOf, scan, sendPresigned, startUpload, uploadFile } from './files.test-helpers.ts';

async function pendingFile(f: RouteFixture): Promise<string> {
  const res = await startUpload(f.slug, f.ownerCookie, bytesOf('pending'));
  if (res.status !== 201) throw new Error(`file: ${res.status} ${res.text}`);
  return res.json.file.id as string;
}

/** A file whose bytes are in storage but not yet confirmed. */
async function putFile(f: RouteFixture): Promise<string> {
  const bytes = bytesOf('put, not confirmed');
  const res = await startUpload(f.slug, f.ownerCookie, bytes);
  const put = await sendPresigned(res.json.upload.url, { method: 'PUT', headers: res.json.upload.headers, body: bytes });
  if (put.status !== 200) throw new Error(`upload: ${put.status} ${put.text}`);
  return res.json.file.id as string;
}

async function cleanFile(f: RouteFixture): Promise<string> {
  const id = await uploadFile(f.slug, f.ownerCookie, bytesOf('a clean file'));
  await scan(f.workspaceId, fileIds.require(id, 'File'));
  const check = await call('GET', `/api/v1/w/${f.slug}/files/${id}`, { cookie: f.ownerCookie });
  if (check.json.status !== 'clean') throw new Error(`file not clean: ${check.text}`);
  return id;
}

/** The shared tenant-isolation suite's cases for the file routes (worker/db/tenant-routes.security.test.ts). Test code only. */
export const isolationCases: Record<string, TenantRouteCase> = {
  'GET /w/{workspace}/files': { minRole: 'viewer', writes: false, ok: 200, build: async (f) => ({ path: `/w/${f.slug}/files` }) },
  'POST /w/{workspace}/files': {
    minRole: 'member',
    writes: true,
    ok: 201,
    build: async (f) => ({
      path: `/w/${f.slug}/files`,
      body: { name: 'suite.txt', content_type: 'text/plain', size: 5, sha256: 'a'.repeat(64) },
    }),
  },
  'GET /w/{workspace}/files/{id}': {
    minRole: 'viewer',
    writes: false,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/files/${await pendingFile(f)}` }),
  },
  'POST /w/{workspace}/files/{id}/confirm': {
    minRole: 'member',
    writes: true,
    ok: 202,
    build: async (f) => ({ path: `/w/${f.slug}/files/${await putFile(f)}/confirm` }),
  },
  'GET /w/{workspace}/files/{id}/download': {
    minRole: 'viewer',
    writes: false,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/files/${await cleanFile(f)}/download` }),
  },
};
