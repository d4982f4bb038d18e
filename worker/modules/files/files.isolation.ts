import { newUuid } from '../../kernel/ids.ts';
import { call } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
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

/** A clean PNG a member with `role` uploaded, as the scan would leave it: what they may make their avatar. */
async function imageOf(f: RouteFixture, role: 'owner' | 'viewer'): Promise<string> {
  const id = newUuid();
  await inspectSql()`insert into file (id, workspace_id, object_key, name, content_type, size_bytes, sha256, status, uploaded_by)
    select ${id}, ${f.workspaceId}, ${`files/${f.workspaceId}/${id}`}, 'me.png', 'image/png', 68, ${'0'.repeat(64)}, 'clean', user_id
    from membership where workspace_id = ${f.workspaceId} and role = ${role} limit 1`;
  return fileIds.toPublic(id);
}

/** The owner with an avatar set; returns their membership's public id. */
async function ownerWithAvatar(f: RouteFixture): Promise<string> {
  const set = await call('PUT', `/api/v1/w/${f.slug}/avatar`, { cookie: f.ownerCookie, body: { file_id: await imageOf(f, 'owner') } });
  if (set.status !== 200) throw new Error(`avatar: ${set.status} ${set.text}`);
  const members = await call('GET', `/api/v1/w/${f.slug}/members`, { cookie: f.ownerCookie });
  return members.json.items.find((m: { is_you: boolean }) => m.is_you).id as string;
}

/** The shared tenant-isolation suite's cases for the file routes (worker/db/tenant-routes.security.test.ts). Test code only. */
export const isolationCases: Record<string, TenantRouteCase> = {
  'GET /w/{workspace}/files': { minRole: 'viewer', writes: false, ok: 200, build: async (f) => ({ path: `/w/${f.slug}/files` }) },
  'GET /w/{workspace}/storage': { minRole: 'viewer', writes: false, ok: 200, build: async (f) => ({ path: `/w/${f.slug}/storage` }) },
  'PUT /w/{workspace}/avatar': {
    minRole: 'viewer',
    writes: true,
    ok: 200,
    build: async (f) => ({ path: `/w/${f.slug}/avatar`, body: { file_id: await imageOf(f, 'viewer') } }),
  },
  'GET /w/{workspace}/members/{id}/avatar': {
    minRole: 'viewer',
    writes: false,
    ok: 302,
    build: async (f) => ({ path: `/w/${f.slug}/members/${await ownerWithAvatar(f)}/avatar` }),
  },
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
