import { describe, expect, it } from 'vitest';
import { parsePublicId } from '../../kernel/ids.ts';
import { can } from '../../kernel/permissions.ts';
import { permissions } from '../assembly.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { requestCost } from '../../test/request-cost.ts';
import { auditActions, bearer, tokensFor } from '../tokens/token-test-helpers.ts';
import { personalAccessTokenIds } from './personal-access-tokens.ids.ts';
import { expectPagedList } from '../../test/pages.ts';

async function createPat(cookie: string, body: Record<string, unknown> = {}) {
  const res = await call('POST', '/api/v1/me/tokens', { cookie, body: { name: 'laptop', scopes: ['read'], expires_in_days: 30, ...body } });
  if (res.status !== 201) throw new Error(`token failed: ${res.status} ${res.text}`);
  return res.json as { id: string; token: string; prefix: string; scopes: string[]; expires_at: string; last_used_at: string | null };
}

describe('personal access tokens', () => {
  it('are shown once, stored hashed, named, scoped and expiring, and act as their person', async () => {
    const account = await signUp();
    const ws = await createWorkspace(account.cookie);
    const created = await createPat(account.cookie, { name: 'laptop', scopes: ['read', 'write'], expires_in_days: 7 });
    expect(created.token).toMatch(/^pat_rw_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.token.slice(0, 11));
    expect(created.scopes).toEqual(['read', 'write']);
    const days = (Date.parse(created.expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);

    const listed = await call('GET', '/api/v1/me/tokens', { cookie: account.cookie });
    expect(listed.json.items).toHaveLength(1);
    expect(listed.json.items[0]).not.toHaveProperty('token');
    expect(listed.text).not.toContain(created.token);
    const stored = await inspectSql()`select * from personal_access_token where id = ${personalAccessTokenIds.parse(created.id)}`;
    expect((stored[0] as { token_hash: string }).token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(created.token.slice(7));

    const me = await call('GET', '/api/v1/me', bearer(created.token));
    expect(me.status).toBe(200);
    expect(me.json.user.id).toBe(account.user.id);
    const team = await call('POST', `/api/v1/w/${ws.slug}/teams`, { ...bearer(created.token), body: { name: 'via token' } });
    expect(team.status).toBe(201);
    const after = await call('GET', '/api/v1/me/tokens', { cookie: account.cookie });
    expect(after.json.items[0].last_used_at).not.toBeNull();
  });

  it('a read-only token reads but cannot write, anywhere', async () => {
    const account = await signUp();
    const ws = await createWorkspace(account.cookie);
    const { token } = await createPat(account.cookie, { scopes: ['read'] });
    expect((await call('GET', `/api/v1/w/${ws.slug}/teams`, bearer(token))).status).toBe(200);
    for (const [method, path, body] of [
      ['POST', `/api/v1/w/${ws.slug}/teams`, { name: 'nope' }],
      ['POST', '/api/v1/workspaces', { name: 'Nope', slug: `nope-${Date.now()}` }],
      ['POST', `/api/v1/w/${ws.slug}/api-keys`, { name: 'nope' }],
      ['POST', '/api/v1/me/tokens', { name: 'nope', scopes: ['read'], expires_in_days: 1 }],
    ] as const) {
      const res = await call(method, path, { ...bearer(token), body });
      expect(res.status, path).toBe(403);
      expect(res.json.error.code, path).toBe('INSUFFICIENT_SCOPE');
    }
    expect(await inspectSql()`select id from team where workspace_id = ${parsePublicId('workspace', ws.id)}`).toHaveLength(0);
  });

  it('maps scopes onto can(): read allows only reads, write never mints credentials', () => {
    const actor = (scopes: Array<'read' | 'write'>) =>
      ({ type: 'user', userId: 'u', sessionId: null, workspaceId: 'w', role: 'owner', via: 'pat', scopes }) as const;
    const inW = { workspaceId: 'w' };
    expect(can(permissions(), actor(['read']), 'team:read', inW)).toBe(true);
    expect(can(permissions(), actor(['read']), 'team:create', inW)).toBe(false);
    expect(can(permissions(), actor(['write']), 'team:create', inW)).toBe(true);
    expect(can(permissions(), actor(['write']), 'team:read', inW)).toBe(false);
    expect(can(permissions(), actor(['read', 'write']), 'api_key:create', inW)).toBe(false);
    expect(can(permissions(), { ...actor(['read']), via: undefined, scopes: undefined }, 'api_key:create', inW)).toBe(true);
  });

  it('a read-write token cannot mint credentials: no API keys, no tokens', async () => {
    const account = await signUp();
    const ws = await createWorkspace(account.cookie);
    const { token } = await createPat(account.cookie, { scopes: ['read', 'write'] });
    const key = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { ...bearer(token), body: { name: 'laundered' } });
    expect(key.status).toBe(403);
    const pat = await call('POST', '/api/v1/me/tokens', {
      ...bearer(token),
      body: { name: 'child', scopes: ['read'], expires_in_days: 365 },
    });
    expect(pat.status).toBe(403);
    expect(await inspectSql()`select id from personal_access_token where user_id = ${parsePublicId('user', account.user.id)}`).toHaveLength(
      1,
    );
  });

  it('requires an expiry of at most a year and known scopes', async () => {
    const { cookie } = await signUp();
    for (const body of [
      { name: 'x', scopes: ['read'] },
      { name: 'x', scopes: ['read'], expires_in_days: 366 },
      { name: 'x', scopes: ['read'], expires_in_days: 0 },
      { name: 'x', scopes: ['admin'], expires_in_days: 30 },
      { name: 'x', scopes: [], expires_in_days: 30 },
      { name: '', scopes: ['read'], expires_in_days: 30 },
    ]) {
      const res = await call('POST', '/api/v1/me/tokens', { cookie, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('stops working when revoked or expired, and when its scope part is altered', async () => {
    const account = await signUp();
    const revoked = await createPat(account.cookie);
    const expired = await createPat(account.cookie);
    const readOnly = await createPat(account.cookie, { scopes: ['read'] });
    expect((await call('DELETE', `/api/v1/me/tokens/${revoked.id}`, { cookie: account.cookie })).status).toBe(204);
    expect((await call('GET', '/api/v1/me', bearer(revoked.token))).status).toBe(401);
    await inspectSql()`update personal_access_token set expires_at = now() - interval '1 second' where id = ${personalAccessTokenIds.parse(expired.id)}`;
    expect((await call('GET', '/api/v1/me', bearer(expired.token))).status).toBe(401);
    const widened = readOnly.token.replace(/^pat_r_/, 'pat_rw_');
    expect((await call('GET', '/api/v1/me', bearer(widened))).status).toBe(401);
    expect((await call('GET', '/api/v1/me', bearer(readOnly.token))).status).toBe(200);
  });

  it('someone else’s token is not found, and stays valid', async () => {
    const owner = await signUp();
    const other = await signUp('Other');
    const pat = await createPat(owner.cookie);
    const res = await call('DELETE', `/api/v1/me/tokens/${pat.id}`, { cookie: other.cookie });
    expect(res.status).toBe(404);
    expect((await call('GET', '/api/v1/me/tokens', { cookie: other.cookie })).json.items).toHaveLength(0);
    expect((await call('GET', '/api/v1/me', bearer(pat.token))).status).toBe(200);
  });

  it('takes the owner from the signed-in person: a user id in the body is refused and nothing is made', async () => {
    const account = await signUp();
    const victim = await signUp('Victim');
    for (const extra of [{ user_id: victim.user.id }, { role: 'owner' }, { workspace_id: 'ws_x' }]) {
      const res = await call('POST', '/api/v1/me/tokens', {
        cookie: account.cookie,
        body: { name: 'x', scopes: ['read'], expires_in_days: 1, ...extra },
      });
      expect(res.status).toBe(400);
    }
    const rows =
      await inspectSql()`select user_id from personal_access_token where user_id in (${parsePublicId('user', account.user.id)}, ${parsePublicId('user', victim.user.id)})`;
    expect(rows).toHaveLength(0);
  });

  it('may be managed with an access token, and creation and revocation are audited', async () => {
    const account = await signUp();
    const { access_token } = await tokensFor(account);
    const created = await call('POST', '/api/v1/me/tokens', {
      ...bearer(access_token),
      body: { name: 'ci', scopes: ['read'], expires_in_days: 90 },
    });
    expect(created.status).toBe(201);
    expect((await call('DELETE', `/api/v1/me/tokens/${created.json.id}`, bearer(access_token))).status).toBe(204);
    const rows =
      (await inspectSql()`select action, actor_type, actor_id from audit_log where target_id = ${personalAccessTokenIds.parse(created.json.id)} order by created_at`) as Array<{
        action: string;
        actor_id: string;
      }>;
    expect(rows.map((r) => r.action)).toEqual(['personal_access_token.created', 'personal_access_token.revoked']);
    expect(rows.every((r) => r.actor_id === parsePublicId('user', account.user.id))).toBe(true);
    expect((await auditActions(parsePublicId('user', account.user.id) as string)).map((a) => a.action)).toContain('token.issued');
  });

  it('a tenant read with a token costs one round trip', async () => {
    const account = await signUp();
    const ws = await createWorkspace(account.cookie);
    const { token } = await createPat(account.cookie);
    const { response: list, stats } = await requestCost(
      async () => undefined,
      () => call('GET', `/api/v1/w/${ws.slug}/teams`, bearer(token)),
    );
    expect(list.status).toBe(200);
    expect(stats.sqlRequests + stats.wsMessages).toBe(1);
  });
});

describe('GET /api/v1/me/tokens pages', () => {
  it('newest first with a cursor: every live token once, over several pages; a bad cursor is refused', async () => {
    const { cookie } = await signUp();
    const ids: string[] = [];
    for (const name of ['one', 'two', 'three']) ids.push((await createPat(cookie, { name })).id);
    const items = await expectPagedList('/api/v1/me/tokens', { cookie }, ids);
    expect(items.map((t) => t.name)).toEqual(['three', 'two', 'one']);
  });
});
