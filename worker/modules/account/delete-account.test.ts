import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { delivery, envelope, runBatch } from '../../../queues/test/fixtures.ts';
import { parsePublicId, type PublicIdKind } from '../../kernel/ids.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { addMember, inspectSql } from '../../test/db.ts';
import { embeddedPostgresSkip, onEmbeddedPostgres, overlapping } from '../../test/row-locks.ts';
import { auditExportIds } from '../audit/audit.ids.ts';
import { personalExportIds } from './account.ids.ts';

const uuid = (kind: 'workspace' | 'user' | PublicIdKind, id: string) =>
  (typeof kind === 'string' ? parsePublicId(kind, id) : kind.parse(id)) ?? '';
const del = (cookie: string, password: string) => call('DELETE', '/api/v1/me', { cookie, body: { password } });

async function userRow(userId: string) {
  const [row] = (await inspectSql()`
    select email, name, password_hash, deleted_at from "user" where id = ${uuid('user', userId)}`) as Array<Record<string, any>>;
  return row;
}

const countOf = async (query: Promise<unknown>) => Number(((await query) as Array<{ n: number }>)[0]?.n);

describe('deleting my account', () => {
  it('refuses the sole owner of a workspace with other members, says what to do, and changes nothing', async () => {
    const owner = await signUp();
    const ws = await createWorkspace(owner.cookie, 'Busy team');
    const member = await signUp();
    await addMember(uuid('workspace', ws.id), uuid('user', member.user.id), 'member');

    const res = await del(owner.cookie, owner.password);

    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('SOLE_OWNER');
    expect(res.json.error.message).toContain('“Busy team”');
    expect(res.json.error.message).toMatch(/Make one of them an owner/);
    expect(res.json.error.fields).toEqual({ workspaces: [ws.slug] });
    expect((await userRow(owner.user.id))?.deleted_at).toBeNull();
    expect((await call('GET', '/api/v1/me', { cookie: owner.cookie })).status).toBe(200);
  });

  it('asks for the password again: a wrong one is refused and audited, and nothing is erased', async () => {
    const person = await signUp();
    const res = await del(person.cookie, 'not my password');
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('REAUTHENTICATION_FAILED');
    expect(res.json.error.fields).toEqual({ password: ['is incorrect'] });
    expect((await userRow(person.user.id))?.deleted_at).toBeNull();
    const refused = await countOf(inspectSql()`
      select count(*)::int as n from audit_log where actor_id = ${uuid('user', person.user.id)} and action = 'user.delete_refused'`);
    expect(refused).toBe(1);
    expect((await del(person.cookie, '')).status).toBe(400);
  });

  it('erases the person: memberships, sessions, keys and exports go, the profile is anonymised, audit stays', async () => {
    const owner = await signUp();
    const shared = await createWorkspace(owner.cookie, 'Shared');
    const person = await signUp('Erin');
    await addMember(uuid('workspace', shared.id), uuid('user', person.user.id), 'admin');
    const own = await createWorkspace(person.cookie, 'Just me');
    const ownTeam = await call('POST', `/api/v1/w/${own.slug}/teams`, { cookie: person.cookie, body: { name: 'Solo' } });
    expect(ownTeam.status).toBe(201);
    const team = await call('POST', `/api/v1/w/${shared.slug}/teams`, { cookie: person.cookie, body: { name: 'By Erin' } });
    expect(team.status).toBe(201);
    const key = await call('POST', `/api/v1/w/${shared.slug}/api-keys`, {
      cookie: person.cookie,
      body: { name: 'erin-ci', role: 'member' },
    });
    expect(key.status).toBe(201);
    const ownersKey = await call('POST', `/api/v1/w/${shared.slug}/api-keys`, {
      cookie: owner.cookie,
      body: { name: 'team', role: 'member' },
    });
    const secondSession = await call('POST', '/api/v1/auth/login', { body: { email: person.email, password: person.password } });
    expect(secondSession.status).toBe(200);
    const secondCookie = /__Host-session=[^;]+/.exec(secondSession.headers.get('set-cookie') ?? '')?.[0] ?? '';
    const requested = await call('POST', '/api/v1/me/exports', { cookie: person.cookie });
    expect(requested.status).toBe(202);
    const exportId = uuid(personalExportIds, requested.json.id);
    await runBatch([delivery(envelope('personal-data.export', { user_id: uuid('user', person.user.id), export_id: exportId }))]);
    const archiveKey = `personal-exports/${uuid('user', person.user.id)}/${exportId}.json`;
    expect(await env.FILES.head(archiveKey)).not.toBeNull();
    const userId = uuid('user', person.user.id);
    const auditBefore = await countOf(inspectSql()`select count(*)::int as n from audit_log where actor_id = ${userId}`);

    const res = await del(person.cookie, person.password);

    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/__Host-session=;.*Max-Age=0/);
    expect(res.json.erased).toMatchObject({
      membership: 2,
      api_keys: 1,
      sessions: 2,
      personal_exports: 1,
      profile: 1,
      sole_member_workspace: 1,
    });

    // Every session ends at once, the one used here and the other one.
    expect((await call('GET', '/api/v1/me', { cookie: person.cookie })).status).toBe(401);
    expect((await call('GET', '/api/v1/me', { cookie: secondCookie })).status).toBe(401);
    expect((await call('GET', `/api/v1/w/${shared.slug}/teams`, { apiKey: key.json.key })).status).toBe(401);
    expect((await call('GET', `/api/v1/w/${shared.slug}/teams`, { apiKey: ownersKey.json.key })).status).toBe(200);
    // The old password opens nothing.
    expect((await call('POST', '/api/v1/auth/login', { body: { email: person.email, password: person.password } })).status).toBe(401);

    const profile = await userRow(person.user.id);
    expect(profile).toMatchObject({ email: `deleted-${userId}@deleted.invalid`, name: 'Deleted user', password_hash: '' });
    expect(profile?.deleted_at).not.toBeNull();
    expect(await countOf(inspectSql()`select count(*)::int as n from membership where user_id = ${userId}`)).toBe(0);
    expect(await countOf(inspectSql()`select count(*)::int as n from session where user_id = ${userId}`)).toBe(0);
    expect(await countOf(inspectSql()`select count(*)::int as n from personal_export where user_id = ${userId}`)).toBe(0);
    expect(await env.FILES.head(archiveKey)).toBeNull();
    // The workspace the person was alone in goes with the account; the shared one and its content stay.
    const [ownWs] = (await inspectSql()`select deleted_at from workspace where id = ${uuid('workspace', own.id)}`) as Array<
      Record<string, any>
    >;
    expect(ownWs?.deleted_at).not.toBeNull();
    expect((await call('GET', `/api/v1/w/${shared.slug}/teams`, { cookie: owner.cookie })).json.items.map((t: any) => t.name)).toContain(
      'By Erin',
    );

    // Audit entries stay, with the id, plus the new ones of the erasure.
    const auditAfter = await countOf(inspectSql()`select count(*)::int as n from audit_log where actor_id = ${userId}`);
    expect(auditAfter).toBe(auditBefore + 3);
    const actions = (await inspectSql()`
      select action, workspace_id from audit_log where actor_id = ${userId} and metadata->>'reason' = 'account_deleted'
       order by action`) as Array<{ action: string; workspace_id: string }>;
    expect(actions).toEqual([
      { action: 'membership.removed', workspace_id: uuid('workspace', shared.id) },
      { action: 'workspace.deleted', workspace_id: uuid('workspace', own.id) },
    ]);

    // A reader of the shared workspace's audit log sees the actor as "Deleted user", id intact.
    const exportRes = await call('POST', `/api/v1/w/${shared.slug}/audit-exports`, { cookie: owner.cookie });
    await runBatch([
      delivery(
        envelope('audit-log.export', { workspace_id: uuid('workspace', shared.id), export_id: uuid(auditExportIds, exportRes.json.id) }),
      ),
    ]);
    const file = await call('GET', `/api/v1/w/${shared.slug}/audit-exports/${exportRes.json.id}/download`, { cookie: owner.cookie });
    const entries = file.text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, any>);
    const byErin = entries.filter((e) => e.actor_id === userId);
    expect(byErin.map((e) => e.action)).toEqual(expect.arrayContaining(['team.created', 'api_key.created', 'membership.removed']));
    expect(new Set(byErin.map((e) => e.actor_name))).toEqual(new Set(['Deleted user']));
    expect(entries.find((e) => e.actor_id === uuid('user', owner.user.id))?.actor_name).toBe('Ada');
    expect(file.text).not.toContain(person.email);
  });

  it('erases every credential: tokens, personal access tokens and their access stop at once', async () => {
    const person = await signUp('Tess');
    const userId = uuid('user', person.user.id);
    const grant = await call('POST', '/api/v1/auth/token', {
      body: { grant_type: 'password', email: person.email, password: person.password },
    });
    expect(grant.status).toBe(200);
    const pat = await call('POST', '/api/v1/me/tokens', {
      cookie: person.cookie,
      body: { name: 'cli', scopes: ['read'], expires_in_days: 30 },
    });
    expect(pat.status).toBe(201);
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    expect((await call('GET', '/api/v1/me', { headers: bearer(grant.json.access_token) })).status).toBe(200);
    expect((await call('GET', '/api/v1/me', { headers: bearer(pat.json.token) })).status).toBe(200);

    expect((await del(person.cookie, person.password)).status).toBe(200);

    expect((await call('GET', '/api/v1/me', { headers: bearer(grant.json.access_token) })).status).toBe(401);
    expect((await call('GET', '/api/v1/me', { headers: bearer(pat.json.token) })).status).toBe(401);
    const refreshed = await call('POST', '/api/v1/auth/token', {
      body: { grant_type: 'refresh_token', refresh_token: grant.json.refresh_token },
    });
    expect(refreshed.status).toBe(400);
    const sql = inspectSql();
    expect(await countOf(sql`select count(*)::int as n from token_family where user_id = ${userId}`)).toBe(0);
    expect(await countOf(sql`select count(*)::int as n from personal_access_token where user_id = ${userId}`)).toBe(0);
    expect(await countOf(sql`select count(*)::int as n from email_token where user_id = ${userId}`)).toBe(0);
  });

  it('lets a person sign up again with the address of a deleted account', async () => {
    const person = await signUp();
    expect((await del(person.cookie, person.password)).status).toBe(200);
    const again = await call('POST', '/api/v1/auth/signup', { body: { email: person.email, password: person.password, name: 'New' } });
    expect(again.status).toBe(201);
  });

  it('limits password guesses like log-in attempts (429 after five a minute from one address)', async () => {
    const person = await signUp();
    const ip = '10.250.1.2';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await call('DELETE', '/api/v1/me', { cookie: person.cookie, body: { password: `guess ${i}` }, ip })).status);
    }
    expect(statuses).toEqual([403, 403, 403, 403, 403, 429]);
    expect((await userRow(person.user.id))?.deleted_at).toBeNull();
  });

  // Each counts one other owner; unless the owners' rows are locked before counting, both pass and
  // the workspace keeps a member and no owner. Only a real server lets the two transactions overlap.
  it('lets only one of two owners deleting their accounts at once go, so the workspace keeps an owner', async (ctx) => {
    if (await onEmbeddedPostgres()) ctx.skip(embeddedPostgresSkip);
    const first = await signUp('Fay');
    const ws = await createWorkspace(first.cookie, 'Two owners');
    const wsId = uuid('workspace', ws.id);
    const second = await signUp('Sam');
    await addMember(wsId, uuid('user', second.user.id), 'owner');
    const member = await signUp('Mo');
    await addMember(wsId, uuid('user', member.user.id), 'member');

    const [a, b] = await overlapping(
      wsId,
      () => del(first.cookie, first.password),
      () => del(second.cookie, second.password),
    );

    expect([a.status, b.status]).toEqual([200, 409]);
    expect(b.json.error.code).toBe('SOLE_OWNER');
    const owners = await countOf(inspectSql()`
      select count(*)::int as n from membership where workspace_id = ${wsId} and role = 'owner'`);
    expect(owners).toBe(1);
    expect((await userRow(second.user.id))?.deleted_at).toBeNull();
  });

  it('needs a session', async () => {
    expect((await call('DELETE', '/api/v1/me', { body: { password: 'x' } })).status).toBe(401);
  });
});
