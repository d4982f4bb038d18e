import { describe, expect, it } from 'vitest';
import { EICAR } from '../../adapters/scanner/eicar.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { workspaceUuid } from '../../test/lifecycle.ts';
import type { RouteFixture, TenantRouteCase } from '../../test/tenant-routes.ts';
import { fileIds } from './files.ids.ts';
import { bytesOf, scan, uploadFile } from './files.test-helpers.ts';

type Uploader = { slug: string; workspaceId: string; ownerCookie: string };

/** Uploads a file through the files module (presign, PUT, confirm) and scans it clean; returns its `fil_…` id. */
export async function cleanFile(f: Uploader, text: string, name = 'brief.txt', contentType = 'text/plain') {
  const id = await uploadFile(f.slug, f.ownerCookie, bytesOf(text), { name, content_type: contentType });
  const scanned = await scan(f.workspaceId, fileIds.require(id, 'File'));
  if (scanned.outcome !== 'clean') throw new Error(`scan: ${scanned.outcome}`);
  return id;
}

/** Creates a record to attach files to and returns its public id. */
type CreateOwner = (f: { slug: string; ownerCookie: string }) => Promise<string>;

/**
 * The shared isolation suite's cases for the attachment routes under `base`
 * (`/w/{workspace}/projects/{id}`), whose records `createOwner` makes (worker/test/tenant-routes.ts).
 */
export function attachmentIsolationCases(base: string, createOwner: CreateOwner): Record<string, TenantRouteCase> {
  const path = (f: RouteFixture, id: string) => base.replace('{workspace}', f.slug).replace('{id}', id);
  const attached = async (f: RouteFixture) => {
    const owner = await createOwner(f);
    const file = await cleanFile(f, 'attached', 'attached.txt');
    const res = await call('POST', `/api/v1${path(f, owner)}/attachments`, { cookie: f.ownerCookie, body: { file_id: file } });
    if (res.status !== 201) throw new Error(`attach: ${res.status} ${res.text}`);
    return { owner, file };
  };
  return {
    [`GET ${base}/attachments`]: {
      minRole: 'viewer',
      writes: false,
      ok: 200,
      build: async (f) => ({ path: `${path(f, (await attached(f)).owner)}/attachments` }),
    },
    [`POST ${base}/attachments`]: {
      minRole: 'member',
      writes: true,
      ok: 201,
      build: async (f) => ({
        path: `${path(f, await createOwner(f))}/attachments`,
        body: { file_id: await cleanFile(f, 'to attach', 'attach-me.txt') },
      }),
    },
    [`DELETE ${base}/attachments/{file_id}`]: {
      minRole: 'member',
      writes: true,
      ok: 204,
      build: async (f) => {
        const { owner, file } = await attached(f);
        return { path: `${path(f, owner)}/attachments/${file}` };
      },
    },
  };
}

/**
 * The attachment behaviour every module with attachments keeps, through the real chain: `createOwner`
 * makes a record in a fresh workspace, `noun` names it in audit entries, `table` is its link table (docs/decisions/061).
 */
export function describeAttachments(label: string, options: { noun: string; table: string; collection: string; createOwner: CreateOwner }) {
  async function workspace(name = 'Pia') {
    const person = await signUp(name);
    const ws = await createWorkspace(person.cookie);
    const f = { slug: ws.slug, workspaceId: workspaceUuid(ws.id), ownerCookie: person.cookie, cookie: person.cookie };
    return { ...f, base: `/api/v1/w/${ws.slug}/${options.collection}/${await options.createOwner(f)}` };
  }

  describe(`${label} attachments (/w/{workspace}/${options.collection}/{id}/attachments)`, { timeout: 60_000 }, () => {
    it('attaches files of the workspace once each, lists them newest first, downloads one and detaches it', async () => {
      const w = await workspace();
      const first = await cleanFile(w, 'the first brief', 'first.txt');
      const second = await cleanFile(w, 'the second brief', 'second.txt');
      expect((await call('GET', `${w.base}/attachments`, { cookie: w.cookie })).json).toEqual({ items: [] });

      const attached = await call('POST', `${w.base}/attachments`, { cookie: w.cookie, body: { file_id: first } });
      expect(attached.status, attached.text).toBe(201);
      expect(attached.json).toMatchObject({ id: first, name: 'first.txt', status: 'clean' });
      expect((await call('POST', `${w.base}/attachments`, { cookie: w.cookie, body: { file_id: second } })).status).toBe(201);
      expect((await call('POST', `${w.base}/attachments`, { cookie: w.cookie, body: { file_id: first } })).status).toBe(201);

      const listed = await call('GET', `${w.base}/attachments`, { cookie: w.cookie });
      expect(listed.json.items.map((f: { id: string }) => f.id)).toEqual([second, first]);
      const download = await call('GET', `/api/v1/w/${w.slug}/files/${first}/download`, { cookie: w.cookie });
      expect(download.status).toBe(200);

      expect((await call('DELETE', `${w.base}/attachments/${first}`, { cookie: w.cookie })).status).toBe(204);
      const after = await call('GET', `${w.base}/attachments`, { cookie: w.cookie });
      expect(after.json.items.map((f: { id: string }) => f.id)).toEqual([second]);
      expect((await call('DELETE', `${w.base}/attachments/${first}`, { cookie: w.cookie })).status).toBe(404);
      // Detaching leaves the file in the workspace.
      expect((await call('GET', `/api/v1/w/${w.slug}/files/${first}`, { cookie: w.cookie })).status).toBe(200);
      const audited =
        await inspectSql()`select action from audit_log where workspace_id = ${w.workspaceId} and action like ${`${options.noun}.file_%`}`;
      expect(audited.map((row) => row.action).sort()).toEqual([
        `${options.noun}.file_attached`,
        `${options.noun}.file_attached`,
        `${options.noun}.file_detached`,
      ]);
    });

    it('refuses another workspace’s file, a quarantined file and an unknown id, linking nothing', async () => {
      const w = await workspace();
      const other = await workspace('Otto');
      const foreign = await cleanFile(other, 'not yours');
      const infected = await uploadFile(w.slug, w.cookie, bytesOf(EICAR), { name: 'eicar.com', content_type: 'application/octet-stream' });
      await scan(w.workspaceId, fileIds.require(infected, 'File'));
      for (const file_id of [foreign, infected, 'fil_unknown']) {
        const res = await call('POST', `${w.base}/attachments`, { cookie: w.cookie, body: { file_id } });
        expect(res.status, file_id).toBe(400);
        expect(res.json.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { file_id: [expect.any(String)] } });
      }
      expect(await inspectSql().query(`select file_id from ${options.table} where workspace_id = $1`, [w.workspaceId])).toEqual([]);
    });

    it('hides a deleted record’s attachments with it and keeps their files in the workspace', async () => {
      const w = await workspace();
      const id = await cleanFile(w, 'kept');
      expect((await call('POST', `${w.base}/attachments`, { cookie: w.cookie, body: { file_id: id } })).status).toBe(201);
      expect((await call('DELETE', w.base, { cookie: w.cookie })).status).toBe(204);
      expect((await call('GET', `${w.base}/attachments`, { cookie: w.cookie })).status).toBe(404);
      expect((await call('POST', `${w.base}/attachments`, { cookie: w.cookie, body: { file_id: id } })).status).toBe(404);
      expect((await call('GET', `/api/v1/w/${w.slug}/files/${id}`, { cookie: w.cookie })).json.status).toBe('clean');
    });
  });
}
