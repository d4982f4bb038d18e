import { describe, expect, it } from 'vitest';
import { parsePublicId } from '../../kernel/ids.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { addMember, inspectSql } from '../../test/db.ts';
import { apiKeyIds } from './api-keys.ids.ts';
import { expectPagedList } from '../../test/pages.ts';

describe('API keys', () => {
  it('shows a new key once, stores only its hash, and authenticates with it', async () => {
    const { cookie } = await signUp();
    const ws = await createWorkspace(cookie);
    const created = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie, body: { name: 'deploy bot', role: 'admin' } });
    expect(created.status).toBe(201);
    const key = created.json.key as string;
    expect(key).toMatch(/^sk_live_[A-Za-z0-9_-]{43}$/);
    expect(created.json.prefix).toBe(key.slice(0, 12));

    const listed = await call('GET', `/api/v1/w/${ws.slug}/api-keys`, { cookie });
    expect(listed.json.items).toHaveLength(1);
    expect(listed.json.items[0]).not.toHaveProperty('key');
    expect(listed.text).not.toContain(key);

    const stored = await inspectSql()`select key_hash from api_key where id = ${apiKeyIds.parse(created.json.id)}`;
    expect((stored[0] as { key_hash: string }).key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(key.slice(8));

    const viaKey = await call('POST', `/api/v1/w/${ws.slug}/teams`, { apiKey: key, body: { name: 'made by a bot' } });
    expect(viaKey.status).toBe(201);
    const after = await call('GET', `/api/v1/w/${ws.slug}/api-keys`, { cookie });
    expect(after.json.items[0].last_used_at).not.toBeNull();
  });

  it('stops working at once when revoked, and is a 404 in another workspace', async () => {
    const { cookie } = await signUp();
    const ws = await createWorkspace(cookie);
    const other = await createWorkspace(cookie, 'Other');
    const created = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie, body: { name: 'temp' } });
    const key = created.json.key as string;
    expect((await call('GET', `/api/v1/w/${other.slug}/teams`, { apiKey: key })).status).toBe(404);
    expect((await call('GET', '/api/v1/me', { apiKey: key })).status).toBe(403);

    const revoked = await call('DELETE', `/api/v1/w/${ws.slug}/api-keys/${created.json.id}`, { cookie });
    expect(revoked.status).toBe(204);
    const refused = await call('GET', `/api/v1/w/${ws.slug}/teams`, { apiKey: key });
    expect(refused.status).toBe(401);
    expect((await call('DELETE', `/api/v1/w/${ws.slug}/api-keys/${created.json.id}`, { cookie })).status).toBe(404);
  });

  it('never grants a key more than its creator has, and lets only admins manage keys', async () => {
    const owner = await signUp();
    const member = await signUp();
    const ws = await createWorkspace(owner.cookie);
    await addMember(parsePublicId('workspace', ws.id) ?? '', parsePublicId('user', member.user.id) ?? '', 'member');
    const byMember = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie: member.cookie, body: { name: 'mine' } });
    expect(byMember.status).toBe(403);
    expect((await call('GET', `/api/v1/w/${ws.slug}/api-keys`, { cookie: member.cookie })).status).toBe(403);
    const ownerRole = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie: owner.cookie, body: { name: 'root', role: 'owner' } });
    expect(ownerRole.status).toBe(400);
    const viewerKey = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie: owner.cookie, body: { name: 'ro', role: 'viewer' } });
    const write = await call('POST', `/api/v1/w/${ws.slug}/teams`, { apiKey: viewerKey.json.key, body: { name: 'nope' } });
    expect(write.status).toBe(403);
    expect((await call('GET', `/api/v1/w/${ws.slug}/teams`, { apiKey: viewerKey.json.key })).status).toBe(200);
  });

  it('audits creation and revocation in the workspace log', async () => {
    const { cookie } = await signUp();
    const ws = await createWorkspace(cookie);
    const created = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie, body: { name: 'audited' } });
    await call('DELETE', `/api/v1/w/${ws.slug}/api-keys/${created.json.id}`, { cookie });
    const rows = await inspectSql()`
      select action, actor_type, target_type from audit_log
       where workspace_id = ${parsePublicId('workspace', ws.id)} order by created_at`;
    expect(rows).toEqual([
      { action: 'workspace.created', actor_type: 'user', target_type: 'workspace' },
      { action: 'api_key.created', actor_type: 'user', target_type: 'api_key' },
      { action: 'api_key.revoked', actor_type: 'user', target_type: 'api_key' },
    ]);
  });
});

describe('GET /api/v1/w/{workspace}/api-keys pages', () => {
  it('newest first with a cursor: every active key once, over several pages; a bad cursor is refused', async () => {
    const { cookie } = await signUp();
    const ws = await createWorkspace(cookie);
    const ids: string[] = [];
    for (const name of ['one', 'two', 'three']) {
      ids.push((await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie, body: { name, role: 'member' } })).json.id);
    }
    const items = await expectPagedList(`/api/v1/w/${ws.slug}/api-keys`, { cookie }, ids);
    expect(items.map((k) => k.name)).toEqual(['three', 'two', 'one']);
  });
});
