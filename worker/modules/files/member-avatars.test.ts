import { describe, expect, it } from 'vitest';
import { parsePublicId } from '../../kernel/ids.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { addMember, resetRoundTrips, roundTrips } from '../../test/db.ts';
import { workspaceUuid } from '../../test/lifecycle.ts';
import { fileIds } from './files.ids.ts';
import { scan, sendPresigned, uploadFile } from './files.test-helpers.ts';

/** A 1×1 transparent PNG. */
const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='), (c) =>
  c.charCodeAt(0),
);

async function person(name: string) {
  const p = await signUp(name);
  const ws = await createWorkspace(p.cookie);
  return { ...p, slug: ws.slug, workspaceId: workspaceUuid(ws.id), userId: parsePublicId('user', p.user.id) ?? '' };
}

/** Ava's avatar lives in her own workspace; Ben's workspace, where Ava is a member, is the one they share. */
async function sharedWorkspace() {
  const ava = await person('Ava');
  const ben = await person('Ben');
  const image = await uploadFile(ava.slug, ava.cookie, png, { name: 'ava.png', content_type: 'image/png' });
  await scan(ava.workspaceId, fileIds.require(image, 'File'));
  const set = await call('PUT', `/api/v1/w/${ava.slug}/avatar`, { cookie: ava.cookie, body: { file_id: image } });
  if (set.status !== 200) throw new Error(`avatar: ${set.status} ${set.text}`);
  await addMember(ben.workspaceId, ava.userId, 'viewer');
  const members = await call('GET', `/api/v1/w/${ben.slug}/members`, { cookie: ben.cookie });
  const byName = (name: string) => members.json.items.find((m: { user: { name: string } }) => m.user.name === name);
  return { ava, ben, image, members: members.json.items, avaMember: byName('Ava'), benMember: byName('Ben') };
}

describe('other members’ avatars (GET /w/{workspace}/members/{id}/avatar)', { timeout: 60_000 }, () => {
  it('lists which members have an avatar and redirects a member of the workspace to a short signed image', async () => {
    const { ben, avaMember, benMember } = await sharedWorkspace();
    expect(avaMember.avatar_url).toMatch(/^\/api\/v1\/w\/ws_[0-9a-z]+\/members\/mem_[0-9a-z]+\/avatar$/);
    expect(avaMember.avatar_url).toContain(avaMember.id);
    expect(benMember.avatar_url).toBeNull();

    // Ben is no member of the workspace Ava's picture was uploaded to, and still sees it here.
    const redirect = await call('GET', avaMember.avatar_url, { cookie: ben.cookie, redirect: 'manual' });
    expect(redirect.status, redirect.text).toBe(302);
    expect(redirect.headers.get('cache-control')).toBe('private, max-age=240');
    const location = redirect.headers.get('location') ?? '';
    expect(new URL(location).searchParams.get('X-Amz-Expires')).toBe('300');
    const image = await sendPresigned(location, { method: 'GET' });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('content-disposition')).toMatch(/^inline;/);
  });

  it('is 404 to a stranger, for a member of another workspace, and for a member without one', async () => {
    const { ava, ben, avaMember, benMember } = await sharedWorkspace();
    const stranger = await person('Cy');
    const path = `/api/v1/w/${ben.slug}/members/${avaMember.id}/avatar`;
    expect((await call('GET', path, { cookie: stranger.cookie })).status).toBe(404);
    // Through a workspace of his own, Cy cannot name Ava's membership of Ben's.
    const sideways = await call('GET', `/api/v1/w/${stranger.slug}/members/${avaMember.id}/avatar`, { cookie: stranger.cookie });
    expect(sideways.status).toBe(404);
    expect(sideways.json.error.code).toBe('NOT_FOUND');
    expect((await call('GET', `/api/v1/w/${ben.slug}/members/${benMember.id}/avatar`, { cookie: ben.cookie })).status).toBe(404);
    expect((await call('GET', `/api/v1/w/${ben.slug}/members/mem_nonsense/avatar`, { cookie: ben.cookie })).status).toBe(404);
    // Ava's own workspace is not Ben's to read through it.
    expect((await call('GET', `/api/v1/w/${ava.slug}/members`, { cookie: ben.cookie })).status).toBe(404);
  });

  it('opens none of the other workspace’s files: the shared workspace’s file list and storage are its own', async () => {
    const { ben, image } = await sharedWorkspace();
    const files = await call('GET', `/api/v1/w/${ben.slug}/files`, { cookie: ben.cookie });
    expect(files.json.items.map((f: { id: string }) => f.id)).not.toContain(image);
    expect((await call('GET', `/api/v1/w/${ben.slug}/files/${image}`, { cookie: ben.cookie })).status).toBe(404);
    expect((await call('GET', `/api/v1/w/${ben.slug}/storage`, { cookie: ben.cookie })).json.used_bytes).toBe(0);
  });

  it('stops when the member leaves the shared workspace', async () => {
    const { ava, ben, avaMember } = await sharedWorkspace();
    expect((await call('POST', `/api/v1/w/${ben.slug}/leave`, { cookie: ava.cookie })).status).toBe(204);
    expect((await call('GET', avaMember.avatar_url, { cookie: ben.cookie })).status).toBe(404);
    const members = await call('GET', `/api/v1/w/${ben.slug}/members`, { cookie: ben.cookie });
    expect(members.json.items.map((m: { user: { name: string } }) => m.user.name)).toEqual(['Ben']);
  });

  it('lists the members with their avatars in one round trip', async () => {
    const { ben } = await sharedWorkspace();
    await resetRoundTrips();
    const members = await call('GET', `/api/v1/w/${ben.slug}/members`, { cookie: ben.cookie });
    expect(members.status).toBe(200);
    expect(await roundTrips()).toMatchObject({ sqlRequests: 1 });
  });
});
