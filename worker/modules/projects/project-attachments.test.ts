import { describe, expect, it } from 'vitest';
import { EICAR } from '../../adapters/scanner/eicar.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { workspaceUuid } from '../../test/lifecycle.ts';
import { fileIds } from '../files/files.ids.ts';
import { bytesOf, scan, uploadFile } from '../files/files.test-helpers.ts';

async function workspace(name = 'Pia') {
  const person = await signUp(name);
  const ws = await createWorkspace(person.cookie);
  const f = { slug: ws.slug, workspaceId: workspaceUuid(ws.id), ownerCookie: person.cookie, cookie: person.cookie };
  const project = await call('POST', `/api/v1/w/${ws.slug}/projects`, { cookie: person.cookie, body: { name: 'Launch' } });
  return { ...f, base: `/api/v1/w/${ws.slug}/projects/${project.json.id}` };
}

async function cleanFile(w: { slug: string; workspaceId: string; cookie: string }, text: string, name = 'brief.txt') {
  const id = await uploadFile(w.slug, w.cookie, bytesOf(text), { name, content_type: 'text/plain' });
  await scan(w.workspaceId, fileIds.require(id, 'File'));
  return id;
}

describe('project attachments (/w/{workspace}/projects/{id}/attachments)', { timeout: 60_000 }, () => {
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
    expect((await call('GET', `${w.base}/attachments`, { cookie: w.cookie })).json.items.map((f: { id: string }) => f.id)).toEqual([
      second,
    ]);
    expect((await call('DELETE', `${w.base}/attachments/${first}`, { cookie: w.cookie })).status).toBe(404);
    // Detaching leaves the file in the workspace.
    expect((await call('GET', `/api/v1/w/${w.slug}/files/${first}`, { cookie: w.cookie })).status).toBe(200);
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
    expect(await inspectSql()`select file_id from project_attachment where workspace_id = ${w.workspaceId}`).toEqual([]);
  });

  it('hides a deleted project’s attachments with it and keeps their files in the workspace', async () => {
    const w = await workspace();
    const id = await cleanFile(w, 'kept');
    expect((await call('POST', `${w.base}/attachments`, { cookie: w.cookie, body: { file_id: id } })).status).toBe(201);
    expect((await call('DELETE', w.base, { cookie: w.cookie })).status).toBe(204);
    expect((await call('GET', `${w.base}/attachments`, { cookie: w.cookie })).status).toBe(404);
    expect((await call('POST', `${w.base}/attachments`, { cookie: w.cookie, body: { file_id: id } })).status).toBe(404);
    expect((await call('GET', `/api/v1/w/${w.slug}/files/${id}`, { cookie: w.cookie })).json.status).toBe('clean');
  });
});
