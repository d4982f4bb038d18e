import { describe, expect, it } from 'vitest';
import type { Role } from '../../kernel/actor.ts';
import { parsePublicId } from '../../kernel/ids.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { addMember } from '../../test/db.ts';

async function memberWithRole(role: Role) {
  const owner = await signUp();
  const ws = await createWorkspace(owner.cookie);
  const person = await signUp();
  await addMember(parsePublicId('workspace', ws.id) ?? '', parsePublicId('user', person.user.id) ?? '', role);
  const seeded = await call('POST', `/api/v1/w/${ws.slug}/projects`, { cookie: owner.cookie, body: { name: 'seeded' } });
  return { ws, cookie: person.cookie, projectId: seeded.json.id as string, base: `/api/v1/w/${ws.slug}/projects` };
}

describe('project permissions by role', () => {
  const expectations: Record<Role, { read: number; create: number; update: number; remove: number }> = {
    viewer: { read: 200, create: 403, update: 403, remove: 403 },
    member: { read: 200, create: 201, update: 200, remove: 403 },
    admin: { read: 200, create: 201, update: 200, remove: 204 },
    owner: { read: 200, create: 201, update: 200, remove: 204 },
  };

  for (const [role, expected] of Object.entries(expectations) as Array<[Role, (typeof expectations)[Role]]>) {
    it(`${role}: read ${expected.read}, create ${expected.create}, update ${expected.update}, delete ${expected.remove}`, async () => {
      const { cookie, projectId, base } = await memberWithRole(role);
      expect((await call('GET', base, { cookie })).status).toBe(expected.read);
      expect((await call('POST', base, { cookie, body: { name: `by ${role}` } })).status).toBe(expected.create);
      expect((await call('PATCH', `${base}/${projectId}`, { cookie, body: { name: 'renamed' } })).status).toBe(expected.update);
      expect((await call('DELETE', `${base}/${projectId}`, { cookie })).status).toBe(expected.remove);
    });
  }

  it('answers 401 without credentials and 404 to someone outside the workspace', async () => {
    const { base } = await memberWithRole('viewer');
    const stranger = await signUp();
    const anonymous = await call('GET', base);
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error.code).toBe('UNAUTHENTICATED');
    const outside = await call('GET', base, { cookie: stranger.cookie });
    expect(outside.status).toBe(404);
    expect(outside.text).not.toContain('seeded');
  });
});

describe('project lists', () => {
  it('pages with an opaque cursor, filters and sorts from the allow-list', async () => {
    const { cookie } = await signUp();
    const ws = await createWorkspace(cookie);
    const base = `/api/v1/w/${ws.slug}/projects`;
    for (const name of ['delta', 'alpha', 'echo', 'charlie', 'bravo']) {
      await call('POST', base, { cookie, body: { name, status: name === 'echo' ? 'archived' : 'active' } });
    }
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=2&sort=name${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await call('GET', `${base}${query}`, { cookie });
      expect(page.status).toBe(200);
      names.push(...page.json.items.map((p: { name: string }) => p.name));
      expect(page.json.has_more).toBe(page.json.next_cursor !== null);
      cursor = page.json.next_cursor;
    } while (cursor);
    expect(names).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'echo']);

    const newest = await call('GET', `${base}?limit=1`, { cookie });
    expect(newest.json.items[0].name).toBe('bravo');
    const archived = await call('GET', `${base}?status=archived`, { cookie });
    expect(archived.json.items.map((p: { name: string }) => p.name)).toEqual(['echo']);

    const first = await call('GET', `${base}?limit=2&sort=name`, { cookie });
    const tampered = `${first.json.next_cursor.slice(0, -2)}xx`;
    expect((await call('GET', `${base}?limit=2&sort=name&cursor=${tampered}`, { cookie })).json.error.code).toBe('INVALID_CURSOR');
    const otherSort = await call('GET', `${base}?limit=2&sort=-name&cursor=${encodeURIComponent(first.json.next_cursor)}`, { cookie });
    expect(otherSort.status).toBe(400);
    expect(otherSort.json.error.code).toBe('INVALID_CURSOR');
    expect((await call('GET', `${base}?limit=101`, { cookie })).status).toBe(400);
    expect((await call('GET', `${base}?sort=description`, { cookie })).status).toBe(400);
  });

  it('PATCH changes only the fields sent', async () => {
    const { cookie } = await signUp();
    const ws = await createWorkspace(cookie);
    const base = `/api/v1/w/${ws.slug}/projects`;
    const created = await call('POST', base, { cookie, body: { name: 'keep', description: 'kept too' } });
    const patched = await call('PATCH', `${base}/${created.json.id}`, { cookie, body: { status: 'archived' } });
    expect(patched.json).toMatchObject({ name: 'keep', description: 'kept too', status: 'archived' });
    expect((await call('PATCH', `${base}/${created.json.id}`, { cookie, body: {} })).status).toBe(400);
    expect((await call('PATCH', `${base}/${created.json.id}`, { cookie, body: { owner: 'me' } })).status).toBe(400);
  });
});
