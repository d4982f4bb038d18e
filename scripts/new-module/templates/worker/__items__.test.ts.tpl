import { describe, expect, it } from 'vitest';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { __itemVar__Ids } from './__items__.ids.ts';

async function setup() {
  const { cookie } = await signUp();
  const ws = await createWorkspace(cookie);
  return { cookie, base: `/api/v1/w/${ws.slug}/__items__` };
}

describe('__items__', () => {
  it('creates, lists, reads, updates and soft-deletes a __item_words__', async () => {
    const { cookie, base } = await setup();
    const empty = await call('GET', base, { cookie });
    expect(empty.status).toBe(200);
    expect(empty.json).toEqual({ items: [], next_cursor: null, has_more: false });

    const created = await call('POST', base, { cookie, body: { name: 'First', description: 'the first one' } });
    expect(created.status).toBe(201);
    expect(created.json.id).toMatch(/^__prefix___/);

    const one = await call('GET', `${base}/${created.json.id}`, { cookie });
    expect(one.json).toMatchObject({ name: 'First', description: 'the first one' });

    const patched = await call('PATCH', `${base}/${created.json.id}`, { cookie, body: { name: 'Renamed' } });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ name: 'Renamed', description: 'the first one' });

    const deleted = await call('DELETE', `${base}/${created.json.id}`, { cookie });
    expect(deleted.status).toBe(204);
    expect((await call('GET', `${base}/${created.json.id}`, { cookie })).status).toBe(404);
    expect((await call('GET', base, { cookie })).json.items).toEqual([]);
    const [row] = await inspectSql()`select deleted_at from __item_table__ where id = ${__itemVar__Ids.parse(created.json.id)}`;
    expect(row?.deleted_at).not.toBeNull();
  });

  it('pages with a cursor in the sort asked for, and refuses unknown parameters and sorts', async () => {
    const { cookie, base } = await setup();
    for (const name of ['c', 'a', 'b']) expect((await call('POST', base, { cookie, body: { name } })).status).toBe(201);
    const first = await call('GET', `${base}?sort=name&limit=2`, { cookie });
    expect(first.json.items.map((i: { name: string }) => i.name)).toEqual(['a', 'b']);
    expect(first.json.has_more).toBe(true);
    const second = await call('GET', `${base}?sort=name&limit=2&cursor=${encodeURIComponent(first.json.next_cursor)}`, { cookie });
    expect(second.json).toMatchObject({ items: [{ name: 'c' }], has_more: false, next_cursor: null });

    const unknown = await call('GET', `${base}?owner=me`, { cookie });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.code).toBe('UNKNOWN_QUERY_PARAMETER');
    const badSort = await call('GET', `${base}?sort=description`, { cookie });
    expect(badSort.status).toBe(400);
    expect(badSort.json.error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a bad body in the error envelope and writes nothing', async () => {
    const { cookie, base } = await setup();
    const res = await call('POST', base, { cookie, body: { name: '', extra: true } });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('VALIDATION_FAILED');
    expect((await call('GET', base, { cookie })).json.items).toEqual([]);
  });

  it('replays a create sent twice with the same Idempotency-Key, with one row', async () => {
    const { cookie, base } = await setup();
    const headers = { 'idempotency-key': 'create-once' };
    const first = await call('POST', base, { cookie, headers, body: { name: 'Once' } });
    const second = await call('POST', base, { cookie, headers, body: { name: 'Once' } });
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.json).toEqual(first.json);
    expect((await call('GET', base, { cookie })).json.items).toHaveLength(1);
  });
});
