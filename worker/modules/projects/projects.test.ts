import { describe, expect, it } from 'vitest';
import { call, createWorkspace, signUp } from '../../test/client.ts';

describe('projects', () => {
  it('creates, lists, reads, updates and soft-deletes a project', async () => {
    const { cookie } = await signUp();
    const ws = await createWorkspace(cookie);
    const base = `/api/v1/w/${ws.slug}/projects`;

    const empty = await call('GET', base, { cookie });
    expect(empty.status).toBe(200);
    expect(empty.json).toEqual({ items: [], next_cursor: null, has_more: false });

    const created = await call('POST', base, { cookie, body: { name: 'Apollo', description: 'moon' } });
    expect(created.status).toBe(201);
    expect(created.json.id).toMatch(/^prj_/);

    const one = await call('GET', `${base}/${created.json.id}`, { cookie });
    expect(one.json.name).toBe('Apollo');

    const patched = await call('PATCH', `${base}/${created.json.id}`, { cookie, body: { status: 'archived' } });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ name: 'Apollo', description: 'moon', status: 'archived' });

    const deleted = await call('DELETE', `${base}/${created.json.id}`, { cookie });
    expect(deleted.status).toBe(204);
    expect((await call('GET', `${base}/${created.json.id}`, { cookie })).status).toBe(404);
    expect((await call('GET', base, { cookie })).json.items).toEqual([]);
  });
});
