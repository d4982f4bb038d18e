import { describe, expect, it } from 'vitest';
import { parsePublicId } from '../../kernel/ids.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { addMember, inspectSql } from '../../test/db.ts';

const uuid = (kind: 'workspace' | 'user', id: string) => parsePublicId(kind, id) ?? '';

async function membershipsOf(workspaceId: string) {
  return (await inspectSql()`
    select user_id, role from membership where workspace_id = ${uuid('workspace', workspaceId)} order by role`) as Array<{
    user_id: string;
    role: string;
  }>;
}

describe('leaving a workspace', () => {
  it('removes the member, audits it, and the workspace is gone for them', async () => {
    const owner = await signUp();
    const ws = await createWorkspace(owner.cookie);
    const member = await signUp('Grace');
    await addMember(uuid('workspace', ws.id), uuid('user', member.user.id), 'member');

    const res = await call('POST', `/api/v1/w/${ws.slug}/leave`, { cookie: member.cookie });

    expect(res.status).toBe(204);
    expect((await membershipsOf(ws.id)).map((m) => m.user_id)).toEqual([uuid('user', owner.user.id)]);
    expect((await call('GET', `/api/v1/w/${ws.slug}/projects`, { cookie: member.cookie })).status).toBe(404);
    const [entry] = (await inspectSql()`
      select actor_id, action, metadata from audit_log
       where workspace_id = ${uuid('workspace', ws.id)} and action = 'membership.left'`) as Array<Record<string, any>>;
    expect(entry).toMatchObject({ actor_id: uuid('user', member.user.id), metadata: { role: 'member' } });
  });

  it('refuses the last owner (409 LAST_OWNER) and changes nothing', async () => {
    const owner = await signUp();
    const ws = await createWorkspace(owner.cookie);
    const member = await signUp();
    await addMember(uuid('workspace', ws.id), uuid('user', member.user.id), 'admin');
    const before = await membershipsOf(ws.id);

    const res = await call('POST', `/api/v1/w/${ws.slug}/leave`, { cookie: owner.cookie });

    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('LAST_OWNER');
    expect(res.json.error.message).toMatch(/Make another member an owner/);
    expect(await membershipsOf(ws.id)).toEqual(before);
  });

  it('refuses the only member too, and lets an owner leave when another owner stays', async () => {
    const alone = await signUp();
    const solo = await createWorkspace(alone.cookie);
    const refused = await call('POST', `/api/v1/w/${solo.slug}/leave`, { cookie: alone.cookie });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('LAST_OWNER');

    const owner = await signUp();
    const ws = await createWorkspace(owner.cookie);
    const second = await signUp();
    await addMember(uuid('workspace', ws.id), uuid('user', second.user.id), 'owner');
    expect((await call('POST', `/api/v1/w/${ws.slug}/leave`, { cookie: owner.cookie })).status).toBe(204);
    expect(await membershipsOf(ws.id)).toEqual([{ user_id: uuid('user', second.user.id), role: 'owner' }]);
  });

  it('answers 404 for a workspace the caller is not in, and 401 without a session', async () => {
    const owner = await signUp();
    const ws = await createWorkspace(owner.cookie);
    const stranger = await signUp();
    expect((await call('POST', `/api/v1/w/${ws.slug}/leave`, { cookie: stranger.cookie })).status).toBe(404);
    expect((await call('POST', `/api/v1/w/${ws.slug}/leave`)).status).toBe(401);
    expect(await membershipsOf(ws.id)).toHaveLength(1);
  });

  it('refuses an API key: only a person can leave', async () => {
    const owner = await signUp();
    const ws = await createWorkspace(owner.cookie);
    const key = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie: owner.cookie, body: { name: 'ci', role: 'admin' } });
    expect(key.status).toBe(201);
    const res = await call('POST', `/api/v1/w/${ws.slug}/leave`, { apiKey: key.json.key });
    expect(res.status).toBe(403);
    expect(await membershipsOf(ws.id)).toHaveLength(1);
  });
});
