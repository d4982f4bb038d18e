import { describe, expect, it } from 'vitest';
import { parsePublicId } from '../../kernel/ids.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { inspectSql, ownerSql } from '../../test/db.ts';
import { setContextText } from '../../db/context.ts';

const uuid = (id: string) => parsePublicId('workspace', id) ?? '';

async function activatedAt(workspaceId: string): Promise<string | null> {
  const [row] =
    (await inspectSql()`select (floor(extract(epoch from activated_at) * 1000))::bigint::text as at from workspace where id = ${uuid(workspaceId)}`) as Array<{
      at: string | null;
    }>;
  return row?.at ?? null;
}

async function createProjects(cookie: string, slug: string, count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await call('POST', `/api/v1/w/${slug}/projects`, { cookie, body: { name: `P${i}` } });
    expect(res.status).toBe(201);
    ids.push(res.json.id);
  }
  return ids;
}

describe("the projects module's first aha: a third live project activates the workspace", () => {
  it('sets activated_at when the third live project is created, and never moves it afterwards', async () => {
    const owner = await signUp();
    const ws = await createWorkspace(owner.cookie);

    await createProjects(owner.cookie, ws.slug, 2);
    expect(await activatedAt(ws.id)).toBeNull();
    await createProjects(owner.cookie, ws.slug, 1);
    const first = await activatedAt(ws.id);
    expect(first).not.toBeNull();

    await createProjects(owner.cookie, ws.slug, 2);
    expect(await activatedAt(ws.id)).toBe(first);
    const onboarding = await call('GET', `/api/v1/w/${ws.slug}/onboarding`, { cookie: owner.cookie });
    expect(String(Date.parse(onboarding.json.activated_at))).toBe(first);
  });

  it('counts live projects, not creations: deleted ones do not count', async () => {
    const owner = await signUp();
    const ws = await createWorkspace(owner.cookie);
    const [a, b] = await createProjects(owner.cookie, ws.slug, 2);
    for (const id of [a, b]) {
      expect((await call('DELETE', `/api/v1/w/${ws.slug}/projects/${id}`, { cookie: owner.cookie })).status).toBe(204);
    }
    await createProjects(owner.cookie, ws.slug, 2);
    expect(await activatedAt(ws.id)).toBeNull();
    await createProjects(owner.cookie, ws.slug, 1);
    expect(await activatedAt(ws.id)).not.toBeNull();
  });

  it('keeps each workspace to itself, and leaves an already activated one alone', async () => {
    const owner = await signUp();
    const a = await createWorkspace(owner.cookie);
    const b = await createWorkspace(owner.cookie);
    await createProjects(owner.cookie, a.slug, 3);
    expect(await activatedAt(a.id)).not.toBeNull();
    expect(await activatedAt(b.id)).toBeNull();

    const earlier = '2020-01-01 00:00:00+00';
    const earlierMs = String(Date.parse('2020-01-01T00:00:00Z'));
    await ownerSql().transaction((sql) => [
      sql.query(setContextText('workspace_id'), [uuid(b.id)]),
      sql`update workspace set activated_at = ${earlier}::timestamptz where id = ${uuid(b.id)}`,
    ]);
    await createProjects(owner.cookie, b.slug, 3);
    expect(await activatedAt(b.id)).toBe(earlierMs);
  });
});
