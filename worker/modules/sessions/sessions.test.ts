import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { Database } from '../../db/client.ts';
import { type Principal, tenantRead, withTenant } from '../../db/tenant.ts';
import { loadConfig } from '../../kernel/config.ts';
import { sha256Hex } from '../../kernel/crypto.ts';
import { call, createWorkspace, randomIp, sessionCookieFrom, signUp } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { requestCost } from '../../test/request-cost.ts';
import { bearer, refresh } from '../tokens/token-test-helpers.ts';
import { deviceLabel } from './sessions.device.ts';
import * as repo from './sessions.repo.ts';
import { sessionIds } from './sessions.ids.ts';
import { tokenFamilyIds } from '../tokens/tokens.ids.ts';
import { parsePublicId } from '../../kernel/ids.ts';
import { expectPagedList } from '../../test/pages.ts';

const agents = {
  chromeMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  firefoxWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
};

/** Signs in as an existing person from another device: a new session with its own cookie, UA and IP. */
async function logIn(person: { email: string; password: string }, userAgent?: string, ip = randomIp()) {
  const res = await call('POST', '/api/v1/auth/login', {
    body: { email: person.email, password: person.password },
    ip,
    headers: userAgent ? { 'user-agent': userAgent } : {},
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
  return { cookie: sessionCookieFrom(res.headers), ip };
}

type Listed = {
  id: string;
  kind: 'browser' | 'app';
  device: string;
  client: string | null;
  ip: string | null;
  created_at: string;
  last_seen_at: string;
  current: boolean;
};

/** A CLI or app signs in through the token endpoint: a token family, listed beside the sessions. */
async function appSignIn(person: { email: string; password: string }, extra: { client_id?: string; userAgent?: string; ip?: string } = {}) {
  const ip = extra.ip ?? randomIp();
  const res = await call('POST', '/api/v1/auth/token', {
    body: {
      grant_type: 'password',
      email: person.email,
      password: person.password,
      ...(extra.client_id ? { client_id: extra.client_id } : {}),
    },
    ip,
    headers: extra.userAgent ? { 'user-agent': extra.userAgent } : {},
  });
  if (res.status !== 200) throw new Error(`token grant failed: ${res.status} ${res.text}`);
  const familyId =
    (await inspectSql()`select id from token_family where user_id = (select id from "user" where email = ${person.email}) order by id desc limit 1`) as Array<{
      id: string;
    }>;
  return { ...(res.json as { access_token: string; refresh_token: string }), familyId: familyId[0]?.id as string, ip };
}

async function list(cookie: string) {
  const res = await call('GET', '/api/v1/me/sessions', { cookie });
  expect(res.status).toBe(200);
  return res.json.items as Listed[];
}

async function sessionIdOf(cookie: string) {
  const hash = await sha256Hex(cookie.split('=')[1] ?? '');
  const rows = (await inspectSql()`select id from session where token_hash = ${hash}`) as Array<{ id: string }>;
  const id = rows[0]?.id;
  if (!id) throw new Error('no such session');
  return id;
}

async function principalFor(cookie: string): Promise<Principal> {
  return { credential: { kind: 'session', tokenHash: await sha256Hex(cookie.split('=')[1] ?? '') }, workspace: null };
}

const meStatus = async (cookie: string) => (await call('GET', '/api/v1/me', { cookie })).status;

describe('device labels', () => {
  it('names browser and system, and falls back to "Unknown device"', () => {
    expect(deviceLabel(agents.chromeMac)).toBe('Chrome on macOS');
    expect(deviceLabel(agents.firefoxWindows)).toBe('Firefox on Windows');
    expect(deviceLabel(agents.safariIphone)).toBe('Safari on iOS');
    expect(
      deviceLabel(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
      ),
    ).toBe('Edge on Windows');
    expect(
      deviceLabel('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36'),
    ).toBe('Chrome on Android');
    expect(deviceLabel('Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0')).toBe('Firefox on Linux');
    expect(
      deviceLabel('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36'),
    ).toBe('Chrome on Linux');
    expect(deviceLabel('curl/8.5.0')).toBe('curl');
    expect(deviceLabel('')).toBe('Unknown device');
    expect(deviceLabel(null)).toBe('Unknown device');
    expect(deviceLabel('something-else/1.0')).toBe('Unknown device');
  });
});

describe('GET /api/v1/me/sessions', () => {
  it('lists active sessions with device, IP and last seen, and marks the current one', async () => {
    const person = await signUp();
    const laptop = await logIn(person, agents.chromeMac, '10.1.2.3');
    const phone = await logIn(person, agents.safariIphone, '10.4.5.6');
    const ended = await logIn(person, agents.firefoxWindows);
    await call('POST', '/api/v1/auth/logout', { cookie: ended.cookie });

    const items = await list(laptop.cookie);
    expect(items).toHaveLength(3);
    const byId = new Map(items.map((s) => [s.id, s]));
    const laptopRow = byId.get(sessionIds.toPublic(await sessionIdOf(laptop.cookie)));
    const phoneRow = byId.get(sessionIds.toPublic(await sessionIdOf(phone.cookie)));
    expect(laptopRow).toMatchObject({ device: 'Chrome on macOS', ip: '10.1.2.3', current: true });
    expect(phoneRow).toMatchObject({ device: 'Safari on iOS', ip: '10.4.5.6', current: false });
    expect(items.filter((s) => s.current)).toHaveLength(1);
    expect(items[0]?.current).toBe(true);
    for (const s of items) {
      expect(s.id).toMatch(/^ses_[0-9a-z]{25}$/);
      expect(Number.isNaN(Date.parse(s.last_seen_at))).toBe(false);
      expect(Number.isNaN(Date.parse(s.created_at))).toBe(false);
    }
    // The signed-out session is not listed; the same list seen from the phone marks the phone.
    const fromPhone = await list(phone.cookie);
    expect(fromPhone.find((s) => s.current)?.id).toBe(phoneRow?.id);
  });

  it('leaves out expired sessions', async () => {
    const person = await signUp();
    const old = await logIn(person);
    await inspectSql()`update session set expires_at = now() - interval '1 minute' where id = ${await sessionIdOf(old.cookie)}`;
    const items = await list(person.cookie);
    expect(items).toHaveLength(1);
    expect(items[0]?.current).toBe(true);
  });

  it('costs one database round trip', async () => {
    const person = await signUp();
    await logIn(person);
    const { response: res, stats } = await requestCost(
      async () => undefined,
      () => call('GET', '/api/v1/me/sessions', { cookie: person.cookie }),
    );
    expect(res.status).toBe(200);
    expect(stats.sqlRequests).toBe(1);
    expect(stats.wsConnections).toBe(0);
  });
});

describe('DELETE /api/v1/me/sessions/{id}', () => {
  it('ends that session at once while the current one keeps working', async () => {
    const person = await signUp();
    const other = await logIn(person, agents.firefoxWindows);
    const third = await logIn(person);
    const otherId = await sessionIdOf(other.cookie);
    expect(await meStatus(other.cookie)).toBe(200);

    const res = await call('DELETE', `/api/v1/me/sessions/${sessionIds.toPublic(otherId)}`, { cookie: person.cookie });
    expect(res.status).toBe(204);
    expect(await meStatus(other.cookie)).toBe(401);
    expect((await call('GET', '/api/v1/me/sessions', { cookie: other.cookie })).status).toBe(401);
    expect(await meStatus(person.cookie)).toBe(200);
    expect(await meStatus(third.cookie)).toBe(200);
    expect((await list(person.cookie)).map((s) => s.id)).not.toContain(sessionIds.toPublic(otherId));

    // Already revoked: nothing left to end.
    const again = await call('DELETE', `/api/v1/me/sessions/${sessionIds.toPublic(otherId)}`, { cookie: person.cookie });
    expect(again.status).toBe(404);

    const audit = await inspectSql()`
      select workspace_id, actor_type, actor_id, target_type, target_id from audit_log
       where action = 'session.revoked' and target_id = ${otherId}`;
    expect(audit).toEqual([
      {
        workspace_id: null,
        actor_type: 'user',
        actor_id: parsePublicId('user', person.user.id),
        target_type: 'session',
        target_id: otherId,
      },
    ]);
  });

  it('answers another person’s session exactly like a missing one, and leaves it alone', async () => {
    const me = await signUp('Me');
    const them = await signUp('Them');
    const theirId = await sessionIdOf(them.cookie);

    const theirs = await call('DELETE', `/api/v1/me/sessions/${sessionIds.toPublic(theirId)}`, { cookie: me.cookie });
    const missing = await call('DELETE', `/api/v1/me/sessions/${sessionIds.toPublic(crypto.randomUUID())}`, { cookie: me.cookie });
    const malformed = await call('DELETE', '/api/v1/me/sessions/ses_nope', { cookie: me.cookie });
    expect(theirs.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(malformed.status).toBe(404);
    const shape = (r: typeof theirs) => ({ code: r.json.error.code, message: r.json.error.message });
    expect(shape(theirs)).toEqual(shape(missing));

    expect(await meStatus(them.cookie)).toBe(200);
    const rows = await inspectSql()`select revoked_at from session where id = ${theirId}`;
    expect(rows).toEqual([{ revoked_at: null }]);
  });
});

describe('POST /api/v1/me/sessions/revoke-others', () => {
  it('ends every other session at once and keeps the current one', async () => {
    const person = await signUp();
    const others = [await logIn(person, agents.chromeMac), await logIn(person, agents.safariIphone), await logIn(person)];
    const bystander = await signUp('Bystander');

    const res = await call('POST', '/api/v1/me/sessions/revoke-others', { cookie: person.cookie });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ revoked: 3 });
    for (const other of others) expect(await meStatus(other.cookie)).toBe(401);
    expect(await meStatus(person.cookie)).toBe(200);
    expect(await meStatus(bystander.cookie)).toBe(200);
    const items = await list(person.cookie);
    expect(items).toHaveLength(1);
    expect(items[0]?.current).toBe(true);

    const again = await call('POST', '/api/v1/me/sessions/revoke-others', { cookie: person.cookie });
    expect(again.json).toEqual({ revoked: 0 });

    const audit = (await inspectSql()`
      select workspace_id, actor_id, target_type, metadata from audit_log
       where action = 'session.revoked_others' and actor_id = ${parsePublicId('user', person.user.id)}
       order by created_at`) as Array<{
      workspace_id: string | null;
      actor_id: string;
      target_type: string;
      metadata: { revoked: number };
    }>;
    expect(audit.map((a) => [a.workspace_id, a.target_type, a.metadata.revoked])).toEqual([
      [null, 'user', 3],
      [null, 'user', 0],
    ]);
  });
});

describe('app sign-ins beside browser sessions', () => {
  it('lists them with kind, client, IP, created and last use, and moves last use on refresh', async () => {
    const person = await signUp();
    await logIn(person, agents.chromeMac);
    const named = await appSignIn(person, { client_id: 'acme-cli', userAgent: 'acme-cli/1.2.0', ip: '10.9.8.7' });
    const unnamed = await appSignIn(person, { userAgent: 'curl/8.5.0' });
    const revoked = await appSignIn(person);
    await inspectSql()`update token_family set revoked_at = now() where id = ${revoked.familyId}`;
    const expired = await appSignIn(person);
    await inspectSql()`update token_family set expires_at = now() - interval '1 minute' where id = ${expired.familyId}`;

    const items = await list(person.cookie);
    expect(items.map((s) => s.kind).sort()).toEqual(['app', 'app', 'browser', 'browser']);
    const apps = new Map(items.filter((s) => s.kind === 'app').map((s) => [s.id, s]));
    expect(apps.get(tokenFamilyIds.toPublic(named.familyId))).toMatchObject({ client: 'acme-cli', ip: '10.9.8.7', current: false });
    expect(apps.get(tokenFamilyIds.toPublic(unnamed.familyId))).toMatchObject({ client: null, device: 'curl', current: false });
    for (const s of items) expect(s.id).toMatch(s.kind === 'app' ? /^tfm_[0-9a-z]{25}$/ : /^ses_[0-9a-z]{25}$/);
    expect(items.filter((s) => s.kind === 'browser').map((s) => s.client)).toEqual([null, null]);

    // Signing in is the first use; each refresh is the next.
    await inspectSql()`update token_family set last_used_at = now() - interval '1 hour' where id = ${named.familyId}`;
    const before = (await list(person.cookie)).find((s) => s.id === tokenFamilyIds.toPublic(named.familyId));
    expect(Date.now() - Date.parse(before?.last_seen_at ?? '')).toBeGreaterThan(3_500_000);
    expect((await refresh(named.refresh_token)).status).toBe(200);
    const after = (await list(person.cookie)).find((s) => s.id === tokenFamilyIds.toPublic(named.familyId));
    expect(Date.now() - Date.parse(after?.last_seen_at ?? '')).toBeLessThan(60_000);
    expect(after?.created_at).toBe(before?.created_at);
  });

  it('refuses a client_id that is not printable text, and signs nobody in', async () => {
    const person = await signUp();
    for (const client_id of ['', ' ', 'bell\u0007', 'line\nbreak', 'evil\u202egnp.exe', 'x'.repeat(101)]) {
      const res = await call('POST', '/api/v1/auth/token', {
        body: { grant_type: 'password', email: person.email, password: person.password, client_id },
      });
      expect(res.status, JSON.stringify(client_id)).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(res.json.error.fields)).toEqual(['client_id']);
    }
    expect(await inspectSql()`select id from token_family where user_id = ${parsePublicId('user', person.user.id)}`).toEqual([]);
  });

  it('revokes one by its id: its refresh token and its access tokens stop at once, the rest go on', async () => {
    const person = await signUp();
    const app = await appSignIn(person, { client_id: 'acme-cli' });
    const otherApp = await appSignIn(person);
    const publicId = tokenFamilyIds.toPublic(app.familyId);
    expect(await meStatus(person.cookie)).toBe(200);
    expect((await call('GET', '/api/v1/me', bearer(app.access_token))).status).toBe(200);

    const res = await call('DELETE', `/api/v1/me/sessions/${publicId}`, { cookie: person.cookie });
    expect(res.status).toBe(204);
    expect((await call('GET', '/api/v1/me', bearer(app.access_token))).status).toBe(401);
    const refused = await refresh(app.refresh_token);
    const unknown = await refresh(`rt_${'y'.repeat(43)}`);
    expect([refused.status, refused.json.error]).toEqual([
      unknown.status,
      { ...unknown.json.error, request_id: refused.json.error.request_id },
    ]);
    expect((await call('GET', '/api/v1/me', bearer(otherApp.access_token))).status).toBe(200);
    expect(await meStatus(person.cookie)).toBe(200);
    expect((await list(person.cookie)).map((s) => s.id)).not.toContain(publicId);

    const again = await call('DELETE', `/api/v1/me/sessions/${publicId}`, { cookie: person.cookie });
    expect(again.status).toBe(404);

    expect(await inspectSql()`select revoke_reason from token_family where id = ${app.familyId}`).toEqual([
      { revoke_reason: 'revoked_by_person' },
    ]);
    const audit = await inspectSql()`
      select workspace_id, actor_type, actor_id, target_type from audit_log where action = 'token.revoked' and target_id = ${app.familyId}`;
    expect(audit).toEqual([
      { workspace_id: null, actor_type: 'user', actor_id: parsePublicId('user', person.user.id), target_type: 'token_family' },
    ]);
  });

  it('answers another person’s app sign-in exactly like a missing one, and leaves it alone', async () => {
    const me = await signUp('Me');
    const them = await signUp('Them');
    const theirs = await appSignIn(them);

    const answer = await call('DELETE', `/api/v1/me/sessions/${tokenFamilyIds.toPublic(theirs.familyId)}`, { cookie: me.cookie });
    const missing = await call('DELETE', `/api/v1/me/sessions/${tokenFamilyIds.toPublic(crypto.randomUUID())}`, { cookie: me.cookie });
    const malformed = await call('DELETE', '/api/v1/me/sessions/tfm_nope', { cookie: me.cookie });
    expect([answer.status, missing.status, malformed.status]).toEqual([404, 404, 404]);
    expect({ code: answer.json.error.code, message: answer.json.error.message }).toEqual({
      code: missing.json.error.code,
      message: missing.json.error.message,
    });
    expect((await list(me.cookie)).map((s) => s.kind)).toEqual(['browser']);

    expect((await call('GET', '/api/v1/me', bearer(theirs.access_token))).status).toBe(200);
    expect((await refresh(theirs.refresh_token)).status).toBe(200);
  });

  it('"sign out everywhere else" ends every app sign-in with the other sessions', async () => {
    const person = await signUp();
    const browser = await logIn(person);
    const apps = [await appSignIn(person), await appSignIn(person, { client_id: 'phone' })];

    const res = await call('POST', '/api/v1/me/sessions/revoke-others', { cookie: person.cookie });
    expect(res.json).toEqual({ revoked: 3 });
    expect(await meStatus(browser.cookie)).toBe(401);
    for (const app of apps) {
      expect((await call('GET', '/api/v1/me', bearer(app.access_token))).status).toBe(401);
      expect((await refresh(app.refresh_token)).json.error.code).toBe('INVALID_GRANT');
    }
    expect((await list(person.cookie)).map((s) => [s.kind, s.current])).toEqual([['browser', true]]);

    const audit = (await inspectSql()`
      select metadata from audit_log where action = 'session.revoked_others' and actor_id = ${parsePublicId('user', person.user.id)}`) as Array<{
      metadata: { revoked: number; token_family_ids: string[] };
    }>;
    expect(audit[0]?.metadata.revoked).toBe(3);
    expect(audit[0]?.metadata.token_family_ids.sort()).toEqual(apps.map((a) => a.familyId).sort());
  });
});

describe('credentials that may not manage sessions', () => {
  it('refuses API keys (403) and anonymous callers (401)', async () => {
    const { cookie } = await signUp();
    const ws = await createWorkspace(cookie);
    const key = (await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie, body: { name: 'bot', role: 'admin' } })).json.key as string;
    const sessionId = sessionIds.toPublic(await sessionIdOf(cookie));

    expect((await call('GET', '/api/v1/me/sessions', { apiKey: key })).status).toBe(403);
    expect((await call('POST', '/api/v1/me/sessions/revoke-others', { apiKey: key })).status).toBe(403);
    expect((await call('DELETE', `/api/v1/me/sessions/${sessionId}`, { apiKey: key })).status).toBe(403);
    expect(await meStatus(cookie)).toBe(200);

    expect((await call('GET', '/api/v1/me/sessions')).status).toBe(401);
    expect((await call('POST', '/api/v1/me/sessions/revoke-others')).status).toBe(401);
  });

  it('refuses an app’s own access token (403): an app may not end the browser sessions', async () => {
    const person = await signUp();
    const app = await appSignIn(person);
    const sessionId = sessionIds.toPublic(await sessionIdOf(person.cookie));
    expect((await call('GET', '/api/v1/me/sessions', bearer(app.access_token))).status).toBe(403);
    expect((await call('POST', '/api/v1/me/sessions/revoke-others', bearer(app.access_token))).status).toBe(403);
    expect((await call('DELETE', `/api/v1/me/sessions/${sessionId}`, bearer(app.access_token))).status).toBe(403);
    expect(await meStatus(person.cookie)).toBe(200);
  });

  it('needs a trusted origin for cookie-authenticated revocation (CSRF)', async () => {
    const person = await signUp();
    const other = await logIn(person);
    const res = await call('POST', '/api/v1/me/sessions/revoke-others', {
      cookie: person.cookie,
      headers: { origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
    expect(await meStatus(other.cookie)).toBe(200);
  });
});

describe('isolation between people, in the database', () => {
  it('a repo query without a user filter returns only the signed-in person’s sessions', async () => {
    const me = await signUp('Me');
    await logIn(me);
    const them = await signUp('Them');
    await logIn(them);
    const db = new Database(loadConfig(env));
    const { result } = await tenantRead(db, await principalFor(me.cookie), (http) =>
      repo.selectActiveSignIns(http, { after: null, limit: 100 }),
    );
    const mine = (await inspectSql()`select id from session where user_id = ${parsePublicId('user', me.user.id)}`) as Array<{ id: string }>;
    expect(result.map((r) => r.id).sort()).toEqual(mine.map((r) => r.id).sort());
    expect(result).toHaveLength(2);
  });

  it('a bulk revoke without a user filter touches only the signed-in person’s sessions', async () => {
    const me = await signUp('Me');
    const myOther = await logIn(me);
    const them = await signUp('Them');
    const db = new Database(loadConfig(env));
    const revoked = await withTenant(db, await principalFor(me.cookie), (tx, scope) =>
      repo.revokeSessionsExcept(tx, scope.actor.type === 'user' ? (scope.actor.sessionId ?? '') : ''),
    );
    await db.close();
    expect(revoked.map((r) => r.id)).toEqual([await sessionIdOf(myOther.cookie)]);
    expect(await meStatus(them.cookie)).toBe(200);
  });

  it('a repo query without a user filter lists only the signed-in person’s app sign-ins', async () => {
    const me = await signUp('Me');
    const mine = await appSignIn(me);
    const them = await signUp('Them');
    await appSignIn(them);
    const db = new Database(loadConfig(env));
    const { result } = await tenantRead(db, await principalFor(me.cookie), (http) =>
      repo.selectActiveSignIns(http, { after: null, limit: 100 }),
    );
    expect(result.filter((r) => r.kind === 'app').map((r) => r.id)).toEqual([mine.familyId]);
  });

  it('a bulk revoke of app sign-ins without a user filter touches only the signed-in person’s', async () => {
    const me = await signUp('Me');
    const mine = await appSignIn(me);
    const them = await signUp('Them');
    const theirs = await appSignIn(them);
    const db = new Database(loadConfig(env));
    const revoked = await withTenant(db, await principalFor(me.cookie), (tx) => repo.revokeFamilies(tx));
    await db.close();
    expect(revoked.map((r) => r.id)).toEqual([mine.familyId]);
    expect((await call('GET', '/api/v1/me', bearer(theirs.access_token))).status).toBe(200);
  });

  it('gives the request role no other write on app sign-ins, and no refresh tokens at all', async () => {
    const me = await signUp('Me');
    const app = await appSignIn(me);
    await call('DELETE', `/api/v1/me/sessions/${tokenFamilyIds.toPublic(app.familyId)}`, { cookie: me.cookie });
    const db = new Database(loadConfig(env));
    try {
      const unrevoked = await withTenant(db, await principalFor(me.cookie), (tx) =>
        tx.execute(sql`update token_family set revoked_at = null where id = ${app.familyId}`),
      );
      expect(unrevoked.rowCount).toBe(0);
      const refusal = async (statement: ReturnType<typeof sql>) => {
        try {
          await withTenant(db, await principalFor(me.cookie), (tx) => tx.execute(statement));
          return 'allowed';
        } catch (error) {
          const cause = (error as { cause?: { message?: string } }).cause;
          return cause?.message ?? String(error);
        }
      };
      expect(await refusal(sql`update token_family set expires_at = now() + interval '1 year' where id = ${app.familyId}`)).toMatch(
        /permission denied/,
      );
      expect(await refusal(sql`update token_family set last_used_at = now() where id = ${app.familyId}`)).toMatch(/permission denied/);
      expect(await refusal(sql`delete from token_family where id = ${app.familyId}`)).toMatch(/permission denied/);
      expect(
        await refusal(
          sql`insert into token_family (id, user_id, expires_at) values (gen_random_uuid(), ${parsePublicId('user', me.user.id)}, now() + interval '1 day')`,
        ),
      ).toMatch(/permission denied/);
      expect(await refusal(sql`select token_hash from refresh_token`)).toMatch(/permission denied/);
    } finally {
      await db.close();
    }
    expect((await refresh(app.refresh_token)).json.error.code).toBe('INVALID_GRANT');
  });

  it('gives the request role no other write on sessions: no un-revoking, no other column', async () => {
    const me = await signUp('Me');
    const old = await logIn(me);
    await call('DELETE', `/api/v1/me/sessions/${sessionIds.toPublic(await sessionIdOf(old.cookie))}`, { cookie: me.cookie });
    const oldId = await sessionIdOf(old.cookie);
    const db = new Database(loadConfig(env));
    try {
      const unrevoked = await withTenant(db, await principalFor(me.cookie), (tx) =>
        tx.execute(sql`update session set revoked_at = null where id = ${oldId}`),
      );
      expect(unrevoked.rowCount).toBe(0);
      const refusal = async (statement: ReturnType<typeof sql>) => {
        try {
          await withTenant(db, await principalFor(me.cookie), (tx) => tx.execute(statement));
          return 'allowed';
        } catch (error) {
          const cause = (error as { cause?: { message?: string } }).cause;
          return cause?.message ?? String(error);
        }
      };
      expect(await refusal(sql`update session set expires_at = now() + interval '1 year' where id = ${oldId}`)).toMatch(
        /permission denied/,
      );
      expect(await refusal(sql`delete from session where id = ${oldId}`)).toMatch(/permission denied/);
    } finally {
      await db.close();
    }
    expect(await meStatus(old.cookie)).toBe(401);
  });
});

describe('GET /api/v1/me/sessions pages', () => {
  it('by last use with a cursor: every session and app sign-in once, over several pages; a bad cursor is refused', async () => {
    const person = await signUp();
    await logIn(person);
    const app = await appSignIn(person);
    await logIn(person);
    const browsers = (await inspectSql()`
      select id from session where user_id = ${parsePublicId('user', person.user.id)} and revoked_at is null`) as Array<{ id: string }>;
    const expected = [...browsers.map((s) => sessionIds.toPublic(s.id)), tokenFamilyIds.toPublic(app.familyId)];
    expect(expected).toHaveLength(4);
    await expectPagedList('/api/v1/me/sessions', { cookie: person.cookie }, expected);
  });
});
