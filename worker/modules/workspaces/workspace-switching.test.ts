import { describe, expect, it } from 'vitest';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { createApiKey } from '../../test/lifecycle.ts';

describe('one person in two workspaces', () => {
  it('sees each workspace’s data only under that workspace, whichever they used last', async () => {
    const person = await signUp('Two Hats');
    const a = await createWorkspace(person.cookie, 'Hat A');
    const b = await createWorkspace(person.cookie, 'Hat B');
    const inA = await call('POST', `/api/v1/w/${a.slug}/teams`, { cookie: person.cookie, body: { name: 'only in A' } });
    const inB = await call('POST', `/api/v1/w/${b.slug}/teams`, { cookie: person.cookie, body: { name: 'only in B' } });
    const keyA = await createApiKey(person.cookie, a.slug, 'admin');

    const listed = await call('GET', '/api/v1/workspaces', { cookie: person.cookie });
    expect(listed.json.items.map((w: { id: string }) => w.id).sort()).toEqual([a.id, b.id].sort());

    for (const [ws, mine, theirs] of [
      [a, inA, inB],
      [b, inB, inA],
      [a, inA, inB],
    ] as const) {
      const list = await call('GET', `/api/v1/w/${ws.slug}/teams`, { cookie: person.cookie });
      expect(list.json.items.map((p: { id: string }) => p.id)).toEqual([mine.json.id]);
      // The other workspace's team id under this workspace's path: missing, for reads and writes.
      const read = await call('GET', `/api/v1/w/${ws.slug}/teams/${theirs.json.id}`, { cookie: person.cookie });
      expect(read.status).toBe(404);
      expect(read.text).not.toContain(theirs.json.name);
      const write = await call('PATCH', `/api/v1/w/${ws.id}/teams/${theirs.json.id}`, { cookie: person.cookie, body: { name: 'moved' } });
      expect(write.status).toBe(404);
    }
    // A key belongs to one workspace even when its creator belongs to both.
    expect((await call('GET', `/api/v1/w/${b.slug}/teams`, { apiKey: keyA })).status).toBe(404);
    expect((await call('GET', `/api/v1/w/${a.slug}/teams`, { apiKey: keyA })).json.items).toHaveLength(1);
    const after = await call('GET', `/api/v1/w/${b.slug}/teams/${inB.json.id}`, { cookie: person.cookie });
    expect(after.json.name).toBe('only in B');
  });
});
