import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { addMember, inspectSql } from '../../test/db.ts';
import { workspaceUuid } from '../../test/lifecycle.ts';
import { parsePublicId } from '../../kernel/ids.ts';
import { fileIds } from './files.ids.ts';
import { bytesOf, scan, sendPresigned, startUpload, uploadFile } from './files.test-helpers.ts';

/** A 1×1 transparent PNG. */
const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='), (c) =>
  c.charCodeAt(0),
);

async function person(name = 'Ava') {
  const p = await signUp(name);
  const ws = await createWorkspace(p.cookie);
  return { ...p, slug: ws.slug, workspaceId: workspaceUuid(ws.id), userId: parsePublicId('user', p.user.id) ?? '' };
}

/** Uploads and scans a file; returns its public id. */
async function cleanUpload(
  slug: string,
  workspaceId: string,
  cookie: string,
  bytes: Uint8Array,
  declared: { name: string; content_type: string },
) {
  const id = await uploadFile(slug, cookie, bytes, declared);
  await scan(workspaceId, fileIds.require(id, 'File'));
  return id;
}

const avatarOf = async (userId: string) =>
  (await inspectSql()`select avatar_workspace_id, avatar_file_id from "user" where id = ${userId}`)[0];

describe('a person’s avatar (PUT /w/{workspace}/avatar, GET and DELETE /me/avatar)', { timeout: 60_000 }, () => {
  it('makes a clean image the person uploaded their avatar, serves it inline from anywhere, and removes it', async () => {
    const p = await person();
    const hasAvatar = async () => (await call('GET', '/api/v1/me', { cookie: p.cookie })).json.user.has_avatar;
    expect((await call('GET', '/api/v1/me/avatar', { cookie: p.cookie })).status).toBe(404);
    expect(await hasAvatar()).toBe(false);
    const id = await cleanUpload(p.slug, p.workspaceId, p.cookie, png, { name: 'me.png', content_type: 'image/png' });

    const set = await call('PUT', `/api/v1/w/${p.slug}/avatar`, { cookie: p.cookie, body: { file_id: id } });
    expect(set.status, set.text).toBe(200);
    expect(set.json).toMatchObject({ id, content_type: 'image/png', status: 'clean' });
    expect(await avatarOf(p.userId)).toEqual({ avatar_workspace_id: p.workspaceId, avatar_file_id: fileIds.require(id, 'File') });

    expect(await hasAvatar()).toBe(true);
    const link = await call('GET', '/api/v1/me/avatar', { cookie: p.cookie });
    expect(link.status, link.text).toBe(200);
    expect(link.json.file.id).toBe(id);
    const got = await sendPresigned(link.json.url, { method: 'GET' });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('content-disposition')).toMatch(/^inline;/);

    expect((await call('DELETE', '/api/v1/me/avatar', { cookie: p.cookie })).status).toBe(204);
    expect((await call('GET', '/api/v1/me/avatar', { cookie: p.cookie })).status).toBe(404);
    expect(await hasAvatar()).toBe(false);
    expect(await avatarOf(p.userId)).toEqual({ avatar_workspace_id: null, avatar_file_id: null });
    // The image stays a file of the workspace.
    expect((await call('GET', `/api/v1/w/${p.slug}/files/${id}`, { cookie: p.cookie })).json.status).toBe('clean');
  });

  it('refuses a non-image, an unscanned image, another person’s upload and another workspace’s file, changing nothing', async () => {
    const p = await person();
    const colleague = await signUp('Cole');
    const colleagueId = parsePublicId('user', colleague.user.id) ?? '';
    await addMember(p.workspaceId, colleagueId, 'member');
    const text = await cleanUpload(p.slug, p.workspaceId, p.cookie, bytesOf('not a picture'), {
      name: 'a.txt',
      content_type: 'text/plain',
    });
    // Announced, never confirmed: not scanned.
    const unscanned = (await startUpload(p.slug, p.cookie, png, { name: 'wait.png', content_type: 'image/png' })).json.file.id as string;
    const theirs = await cleanUpload(p.slug, p.workspaceId, colleague.cookie, png, { name: 'cole.png', content_type: 'image/png' });
    const elsewhere = await person('Eli');
    const foreign = await cleanUpload(elsewhere.slug, elsewhere.workspaceId, elsewhere.cookie, png, {
      name: 'eli.png',
      content_type: 'image/png',
    });

    for (const file_id of [text, unscanned, theirs, foreign, 'fil_nonsense']) {
      const res = await call('PUT', `/api/v1/w/${p.slug}/avatar`, { cookie: p.cookie, body: { file_id } });
      expect(res.status, file_id).toBe(400);
      expect(res.json.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { file_id: [expect.any(String)] } });
    }
    expect(await avatarOf(p.userId)).toEqual({ avatar_workspace_id: null, avatar_file_id: null });
  });

  it('stays a file of its own workspace: another workspace of the person neither lists, counts nor serves it', async () => {
    const p = await person();
    const id = await cleanUpload(p.slug, p.workspaceId, p.cookie, png, { name: 'me.png', content_type: 'image/png' });
    expect((await call('PUT', `/api/v1/w/${p.slug}/avatar`, { cookie: p.cookie, body: { file_id: id } })).status).toBe(200);
    const other = await createWorkspace(p.cookie);

    const listed = await call('GET', `/api/v1/w/${other.slug}/files`, { cookie: p.cookie });
    expect(listed.status).toBe(200);
    expect(listed.json.items).toEqual([]);
    expect((await call('GET', `/api/v1/w/${other.slug}/storage`, { cookie: p.cookie })).json.used_bytes).toBe(0);
    expect((await call('GET', `/api/v1/w/${other.slug}/files/${id}`, { cookie: p.cookie })).status).toBe(404);
    expect((await call('GET', `/api/v1/w/${other.slug}/files/${id}/download`, { cookie: p.cookie })).status).toBe(404);
    // From its own workspace, and as the person's avatar, it is still there.
    expect((await call('GET', `/api/v1/w/${p.slug}/files/${id}`, { cookie: p.cookie })).status).toBe(200);
    expect((await call('GET', '/api/v1/me/avatar', { cookie: p.cookie })).status).toBe(200);
  });

  it('refuses an image over the avatar limit', async () => {
    const p = await person();
    const big = new Uint8Array(2 * 1024 * 1024 + 1);
    big.set(png);
    const id = await cleanUpload(p.slug, p.workspaceId, p.cookie, big, { name: 'huge.png', content_type: 'image/png' });
    const res = await call('PUT', `/api/v1/w/${p.slug}/avatar`, { cookie: p.cookie, body: { file_id: id } });
    expect(res.status).toBe(400);
    expect(res.json.error.fields.file_id[0]).toContain('at most');
  });

  it('goes with the person’s erasure, row and object, even from a workspace they have left', async () => {
    const p = await person();
    const host = await person('Hana');
    await addMember(host.workspaceId, p.userId, 'member');
    const id = await cleanUpload(host.slug, host.workspaceId, p.cookie, png, { name: 'me.png', content_type: 'image/png' });
    expect((await call('PUT', `/api/v1/w/${host.slug}/avatar`, { cookie: p.cookie, body: { file_id: id } })).status).toBe(200);
    expect((await call('POST', `/api/v1/w/${host.slug}/leave`, { cookie: p.cookie })).status).toBe(204);
    // Still theirs after leaving.
    expect((await call('GET', '/api/v1/me/avatar', { cookie: p.cookie })).status).toBe(200);
    const key = `files/${host.workspaceId}/${fileIds.require(id, 'File')}`;
    expect(await env.FILES.head(key)).not.toBeNull();

    const erased = await call('DELETE', '/api/v1/me', { cookie: p.cookie, body: { password: p.password } });
    expect(erased.status, erased.text).toBe(200);
    expect(erased.json.erased.avatar).toBe(1);
    expect(await inspectSql()`select id from file where id = ${fileIds.require(id, 'File')}`).toEqual([]);
    expect(await env.FILES.head(key)).toBeNull();
    expect(await avatarOf(p.userId)).toEqual({ avatar_workspace_id: null, avatar_file_id: null });
  });
});
