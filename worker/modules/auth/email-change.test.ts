import { beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../kernel/crypto.ts';
import { call, sessionCookieFrom, signUp, unique } from '../../test/client.ts';
import { inspectSql, ownerSql } from '../../test/db.ts';
import { mailFor, settle, tokenFromMail, warmUpMailRendering } from '../../test/inbox.ts';
import { bearer, refresh, tokensFor } from '../tokens/token-test-helpers.ts';

beforeAll(warmUpMailRendering, 60_000);

const idOf = async (email: string) =>
  ((await inspectSql()`select id from "user" where email = ${email}`) as Array<{ id: string }>)[0]?.id as string;

const newAddress = () => `${unique('moved')}@example.com`;

const logIn = (email: string, password: string) => call('POST', '/api/v1/auth/login', { body: { email, password } });

const auditActions = async (userId: string) =>
  (
    (await inspectSql()`select action from audit_log where target_id = ${userId} order by created_at, action`) as Array<{ action: string }>
  ).map((r) => r.action);

const accountRow = async (userId: string) =>
  (
    (await inspectSql()`select email, email_verified_at from "user" where id = ${userId}`) as Array<{
      email: string;
      email_verified_at: Date | null;
    }>
  )[0];

async function requestChange(person: { cookie: string; password: string }, to: string) {
  const res = await call('POST', '/api/v1/me/email', { cookie: person.cookie, body: { new_email: to, password: person.password } });
  expect(res.status).toBe(202);
  return tokenFromMail(to, 'email-change');
}

describe('change of email address', () => {
  it('needs the current password (or a recent confirmation of it) and changes nothing when refused', async () => {
    const person = await signUp('Pat');
    const uid = await idOf(person.email);
    const to = newAddress();
    const wrong = await call('POST', '/api/v1/me/email', {
      cookie: person.cookie,
      body: { new_email: to, password: 'not my password at all' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.fields.password).toBeDefined();

    // Without a password, only a session that confirmed it within ten minutes may ask.
    await inspectSql()`update session set reauthenticated_at = now() - interval '11 minutes' where user_id = ${uid}`;
    const stale = await call('POST', '/api/v1/me/email', { cookie: person.cookie, body: { new_email: to } });
    expect(stale.status).toBe(403);
    expect(stale.json.error.code).toBe('REAUTHENTICATION_REQUIRED');
    await settle();
    expect(await mailFor(to, 'email-change', { timeoutMs: 0 })).toHaveLength(0);
    expect(await inspectSql()`select 1 from email_token where user_id = ${uid} and purpose = 'email_change'`).toHaveLength(0);

    const reauth = await call('POST', '/api/v1/me/reauthenticate', { cookie: person.cookie, body: { password: person.password } });
    expect(reauth.status).toBe(200);
    const fresh = await call('POST', '/api/v1/me/email', { cookie: person.cookie, body: { new_email: to } });
    expect(fresh.status).toBe(202);
    expect(fresh.json).toEqual({ new_email: to });

    const unauthenticated = await call('POST', '/api/v1/me/email', { body: { new_email: newAddress(), password: person.password } });
    expect(unauthenticated.status).toBe(401);
  });

  it('mails a link to the new address and a notice to the old one; nothing changes until the link is used', async () => {
    const person = await signUp('Quinn');
    const uid = await idOf(person.email);
    const to = newAddress().toUpperCase();
    const res = await call('POST', '/api/v1/me/email', { cookie: person.cookie, body: { new_email: to, password: person.password } });
    expect(res.status).toBe(202);
    const lower = to.toLowerCase();
    const token = await tokenFromMail(lower, 'email-change');
    expect(await mailFor(person.email, 'email-change-notice')).toHaveLength(1);
    expect((await mailFor(person.email, 'email-change', { timeoutMs: 0 })).length).toBe(0);
    expect((await accountRow(uid))?.email).toBe(person.email);
    expect((await logIn(person.email, person.password)).status).toBe(200);

    const rows = (await ownerSql()`select email, token_hash, extract(epoch from expires_at - created_at)::int as ttl
      from email_token where user_id = ${uid} and purpose = 'email_change'`) as Array<{ email: string; token_hash: string; ttl: number }>;
    expect(rows).toEqual([{ email: lower, token_hash: await sha256Hex(token), ttl: 24 * 3600 }]);
  });

  it('moves the account: the old address no longer signs in, the new one does, verified', async () => {
    const person = await signUp('Robin');
    const uid = await idOf(person.email);
    const to = newAddress();
    const token = await requestChange(person, to);
    const confirmed = await call('POST', '/api/v1/auth/email-change/confirm', { body: { token } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json.email).toBe(to);

    const row = await accountRow(uid);
    expect(row?.email).toBe(to);
    expect(row?.email_verified_at).not.toBeNull();
    const old = await logIn(person.email, person.password);
    expect(old.status).toBe(401);
    expect(old.json.error.code).toBe('INVALID_CREDENTIALS');
    const now = await logIn(to, person.password);
    expect(now.status).toBe(200);
    expect((await call('GET', '/api/v1/me', { cookie: sessionCookieFrom(now.headers) })).json.user.email).toBe(to);
  });

  it('spends the link once', async () => {
    const person = await signUp('Sam');
    const token = await requestChange(person, newAddress());
    expect((await call('POST', '/api/v1/auth/email-change/confirm', { body: { token } })).status).toBe(200);
    const again = await call('POST', '/api/v1/auth/email-change/confirm', { body: { token } });
    expect(again.status).toBe(400);
    expect(again.json.error.code).toBe('INVALID_TOKEN');
  });

  it('binds the link to its new address: a newer request retires it, and another purpose does not accept it', async () => {
    const person = await signUp('Toni');
    const uid = await idOf(person.email);
    const first = newAddress();
    const firstToken = await requestChange(person, first);
    // The same token is no verification link, reset link or magic link.
    expect((await call('POST', '/api/v1/auth/verify-email', { body: { token: firstToken } })).json.error.code).toBe('INVALID_TOKEN');
    expect((await call('POST', '/api/v1/auth/magic-link/confirm', { body: { token: firstToken } })).status).toBe(400);

    const second = newAddress();
    const secondToken = await requestChange(person, second);
    const stale = await call('POST', '/api/v1/auth/email-change/confirm', { body: { token: firstToken } });
    expect(stale.json.error.code).toBe('INVALID_TOKEN');
    expect((await accountRow(uid))?.email).toBe(person.email);

    const ok = await call('POST', '/api/v1/auth/email-change/confirm', { body: { token: secondToken } });
    expect(ok.status).toBe(200);
    expect((await accountRow(uid))?.email).toBe(second);
  });

  it('ends every other session and token family, keeps the confirming one, and retires open links of the old address', async () => {
    const person = await signUp('Uma');
    const uid = await idOf(person.email);
    const other = sessionCookieFrom((await logIn(person.email, person.password)).headers);
    const tokens = await tokensFor(person);
    expect((await call('GET', '/api/v1/me', bearer(tokens.access_token))).status).toBe(200);
    await call('POST', '/api/v1/auth/password-reset/request', { body: { email: person.email } });
    const resetToken = await tokenFromMail(person.email, 'password-reset');

    const token = await requestChange(person, newAddress());
    const confirmed = await call('POST', '/api/v1/auth/email-change/confirm', { cookie: person.cookie, body: { token } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json.sessions_ended).toBe(1);

    expect((await call('GET', '/api/v1/me', { cookie: person.cookie })).status).toBe(200);
    expect((await call('GET', '/api/v1/me', { cookie: other })).status).toBe(401);
    expect((await call('GET', '/api/v1/me', bearer(tokens.access_token))).status).toBe(401);
    expect((await refresh(tokens.refresh_token)).status).toBe(400);
    const families = await inspectSql()`select revoke_reason from token_family where user_id = ${uid}`;
    expect(families).toEqual([{ revoke_reason: 'email_changed' }]);

    const reset = await call('POST', '/api/v1/auth/password-reset/complete', {
      body: { token: resetToken, password: 'a brand new passphrase' },
    });
    expect(reset.json.error.code).toBe('INVALID_TOKEN');
    expect(await inspectSql()`select 1 from email_token where user_id = ${uid} and used_at is null`).toHaveLength(0);
  });

  it('from a browser without the person’s session, ends every session', async () => {
    const person = await signUp('Vic');
    const token = await requestChange(person, newAddress());
    const stranger = await signUp('Stranger');
    const confirmed = await call('POST', '/api/v1/auth/email-change/confirm', { cookie: stranger.cookie, body: { token } });
    expect(confirmed.status).toBe(200);
    expect((await call('GET', '/api/v1/me', { cookie: person.cookie })).status).toBe(401);
    expect((await call('GET', '/api/v1/me', { cookie: stranger.cookie })).status).toBe(200);
  });

  it('refuses an address already taken, as sign-up does, and one taken before the link is used', async () => {
    const person = await signUp('Wren');
    const uid = await idOf(person.email);
    const holder = await signUp('Holder');
    const taken = await call('POST', '/api/v1/me/email', {
      cookie: person.cookie,
      body: { new_email: holder.email, password: person.password },
    });
    expect(taken.status).toBe(409);
    expect(taken.json.error.code).toBe('EMAIL_TAKEN');
    const signup = await call('POST', '/api/v1/auth/signup', {
      body: { email: holder.email, password: 'another long password', name: 'X' },
    });
    expect(signup.json.error.code).toBe('EMAIL_TAKEN');
    await settle();
    expect(await mailFor(holder.email, 'email-change', { timeoutMs: 0 })).toHaveLength(0);

    const to = newAddress();
    const token = await requestChange(person, to);
    const racer = await call('POST', '/api/v1/auth/signup', { body: { email: to, password: 'another long password', name: 'Racer' } });
    expect(racer.status).toBe(201);
    const late = await call('POST', '/api/v1/auth/email-change/confirm', { cookie: person.cookie, body: { token } });
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe('EMAIL_TAKEN');
    expect((await accountRow(uid))?.email).toBe(person.email);
    expect((await call('GET', '/api/v1/me', { cookie: person.cookie })).status).toBe(200);
    const unspent = await inspectSql()`select used_at from email_token where user_id = ${uid} and purpose = 'email_change'`;
    expect(unspent).toEqual([{ used_at: null }]);
  });

  it('refuses its own current address and malformed links', async () => {
    const person = await signUp('Xan');
    const same = await call('POST', '/api/v1/me/email', {
      cookie: person.cookie,
      body: { new_email: person.email, password: person.password },
    });
    expect(same.status).toBe(400);
    expect(same.json.error.fields.new_email).toBeDefined();
    for (const token of ['short', 'x'.repeat(43)]) {
      const res = await call('POST', '/api/v1/auth/email-change/confirm', { body: { token } });
      expect(res.json.error.code).toBe('INVALID_TOKEN');
    }
  });

  it('audits the request and the change', async () => {
    const person = await signUp('Yael');
    const uid = await idOf(person.email);
    const token = await requestChange(person, newAddress());
    expect(await auditActions(uid)).toContain('user.email_change_requested');
    expect(await auditActions(uid)).not.toContain('user.email_changed');
    await call('POST', '/api/v1/auth/email-change/confirm', { body: { token } });
    const entries = await inspectSql()`select action, metadata from audit_log where target_id = ${uid} and action = 'user.email_changed'`;
    expect(entries).toEqual([{ action: 'user.email_changed', metadata: { sessions_ended: 1, token_families_revoked: 0 } }]);
  });

  it('is called off by a password change, as the notice to the old address advises', async () => {
    const person = await signUp('Zed');
    const token = await requestChange(person, newAddress());
    const changed = await call('POST', '/api/v1/me/password', {
      cookie: person.cookie,
      body: { current_password: person.password, new_password: 'a different long passphrase' },
    });
    expect(changed.status).toBe(200);
    const late = await call('POST', '/api/v1/auth/email-change/confirm', { body: { token } });
    expect(late.json.error.code).toBe('INVALID_TOKEN');
    expect((await call('GET', '/api/v1/me', { cookie: person.cookie })).json.user.email).toBe(person.email);
  });
});
