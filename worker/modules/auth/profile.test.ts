import { describe, expect, it } from 'vitest';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';

const nameOf = async (cookie: string) => (await call('GET', '/api/v1/me', { cookie })).json.user.name as string;

describe('PATCH /me: the profile', () => {
  it('changes the signed-in person’s name, trimmed, and records who did it', async () => {
    const person = await signUp('Ada');
    const res = await call('PATCH', '/api/v1/me', { cookie: person.cookie, body: { name: '  Ada King  ' } });
    expect(res.status).toBe(200);
    expect(res.json.user).toMatchObject({ id: person.user.id, email: person.email, name: 'Ada King' });
    expect(await nameOf(person.cookie)).toBe('Ada King');
    const entries = await inspectSql()`
      select action, actor_type from audit_log
      where action = 'user.name_changed' and actor_id = (select id::text from "user" where email = ${person.email})`;
    expect(entries).toEqual([{ action: 'user.name_changed', actor_type: 'user' }]);
  });

  it('refuses a bad name under its field and changes nothing', async () => {
    const person = await signUp('Grace');
    for (const [body, field] of [
      [{ name: '   ' }, 'name'],
      [{ name: 'x'.repeat(101) }, 'name'],
      [{}, 'name'],
      [{ name: 'Ok', email: 'other@example.com' }, '_'],
    ] as const) {
      const res = await call('PATCH', '/api/v1/me', { cookie: person.cookie, body });
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(res.json.error.fields)).toContain(field);
    }
    expect(await nameOf(person.cookie)).toBe('Grace');
  });

  it('changes only the caller: another person’s name stays', async () => {
    const first = await signUp('First');
    const second = await signUp('Second');
    expect((await call('PATCH', '/api/v1/me', { cookie: first.cookie, body: { name: 'Renamed' } })).status).toBe(200);
    expect(await nameOf(second.cookie)).toBe('Second');
  });

  it('refuses an API key and a request without a credential', async () => {
    const person = await signUp('Key Maker');
    const ws = await createWorkspace(person.cookie);
    const key = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie: person.cookie, body: { name: 'ci' } });
    const byKey = await call('PATCH', '/api/v1/me', { apiKey: key.json.key, body: { name: 'Robot' } });
    expect(byKey.status).toBe(403);
    expect((await call('PATCH', '/api/v1/me', { body: { name: 'Nobody' } })).status).toBe(401);
    expect(await nameOf(person.cookie)).toBe('Key Maker');
  });
});
