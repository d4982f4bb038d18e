import { describe, expect, it } from 'vitest';
import { call, createWorkspace, signUp } from '../test/client.ts';
import { inspectSql } from '../test/db.ts';

async function setup() {
  const { cookie } = await signUp();
  const ws = await createWorkspace(cookie);
  return { cookie, ws, path: `/api/v1/w/${ws.slug}/teams` };
}

// Creating a team is the platform's idempotent write (`idempotent` in the members manifest).
async function countTeams(wsPublicSlug: string, name: string) {
  const rows = await inspectSql()`
    select count(*)::int as n from team t join workspace w on w.id = t.workspace_id
     where w.slug = ${wsPublicSlug} and t.name = ${name}`;
  return (rows[0] as { n: number }).n;
}

describe('Idempotency-Key on POST', () => {
  it('replays the stored response for the same key and body, with one side effect', async () => {
    const { cookie, ws, path } = await setup();
    const headers = { 'idempotency-key': 'create-apollo-1' };
    const first = await call('POST', path, { cookie, headers, body: { name: 'Apollo' } });
    const second = await call('POST', path, { cookie, headers, body: { name: 'Apollo' } });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.json).toEqual(first.json);
    expect(await countTeams(ws.slug, 'Apollo')).toBe(1);
  });

  it('refuses the same key with a different body (422) and changes nothing', async () => {
    const { cookie, ws, path } = await setup();
    const headers = { 'idempotency-key': 'key-reused' };
    await call('POST', path, { cookie, headers, body: { name: 'Gemini' } });
    const reused = await call('POST', path, { cookie, headers, body: { name: 'Mercury' } });
    expect(reused.status).toBe(422);
    expect(reused.json.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await countTeams(ws.slug, 'Mercury')).toBe(0);
  });

  it('runs concurrent requests with one key once; the others wait their turn or get 409', async () => {
    const { cookie, ws, path } = await setup();
    const headers = { 'idempotency-key': 'concurrent-1' };
    const results = await Promise.all(Array.from({ length: 5 }, () => call('POST', path, { cookie, headers, body: { name: 'Artemis' } })));
    const statuses = results.map((r) => r.status);
    for (const status of statuses) expect([201, 409]).toContain(status);
    const created = results.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThan(0);
    expect(new Set(created.map((r) => r.json.id)).size).toBe(1);
    for (const r of results.filter((x) => x.status === 409)) expect(r.json.error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    expect(await countTeams(ws.slug, 'Artemis')).toBe(1);
  });

  it('does not store validation failures, so the key can be used again', async () => {
    const { cookie, ws, path } = await setup();
    const headers = { 'idempotency-key': 'after-a-mistake' };
    const invalid = await call('POST', path, { cookie, headers, body: { name: '' } });
    expect(invalid.status).toBe(400);
    const valid = await call('POST', path, { cookie, headers, body: { name: 'Skylab' } });
    expect(valid.status).toBe(201);
    expect(valid.headers.get('idempotent-replayed')).toBeNull();
    expect(await countTeams(ws.slug, 'Skylab')).toBe(1);
  });

  it('scopes keys per actor and per workspace, and keeps them for 24 hours', async () => {
    const a = await setup();
    const b = await setup();
    const headers = { 'idempotency-key': 'shared-key' };
    const ra = await call('POST', a.path, { cookie: a.cookie, headers, body: { name: 'Vostok' } });
    const rb = await call('POST', b.path, { cookie: b.cookie, headers, body: { name: 'Vostok' } });
    expect(ra.status).toBe(201);
    expect(rb.status).toBe(201);
    expect(rb.headers.get('idempotent-replayed')).toBeNull();
    expect(rb.json.id).not.toBe(ra.json.id);
    const rows = await inspectSql()`
      select extract(epoch from (expires_at - created_at))::int as ttl from idempotency_key
       where key = 'shared-key' and workspace_id in (select id from workspace where slug in (${a.ws.slug}, ${b.ws.slug}))`;
    expect(rows).toHaveLength(2);
    for (const row of rows as Array<{ ttl: number }>) expect(row.ttl).toBeGreaterThanOrEqual(24 * 3600);
  });

  it('refuses a malformed key', async () => {
    const { cookie, path } = await setup();
    const res = await call('POST', path, { cookie, headers: { 'idempotency-key': 'x'.repeat(300) }, body: { name: 'Long' } });
    expect(res.status).toBe(400);
  });

  it('never stores a response that carries a secret: API key creation is not replayable', async () => {
    const { cookie, ws } = await setup();
    const headers = { 'idempotency-key': 'key-for-a-key' };
    const created = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie, headers, body: { name: 'k' } });
    expect(created.status).toBe(201);
    const rows = await inspectSql()`select count(*)::int as n from idempotency_key where key = 'key-for-a-key'`;
    expect(rows).toEqual([{ n: 0 }]);
  });
});
