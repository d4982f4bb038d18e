import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { Database } from '../../db/client.ts';
import { withTenant } from '../../db/tenant.ts';
import { loadConfig } from '../../kernel/config.ts';
import { sha256Hex } from '../../kernel/crypto.ts';
import { call, sessionCookieFrom, signUp } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import {
  awayFromStepEdge,
  challengeCookieFrom,
  codeAt,
  forgetRecentCodes,
  passwordStep,
  signUpWithTotp,
  verify,
} from './mfa.test-helpers.ts';
import { totpSecretText } from './totp.ts';
import { parsePublicId } from '../../kernel/ids.ts';

const meStatus = async (cookie: string) => (await call('GET', '/api/v1/me', { cookie })).status;

async function logInElsewhere(person: { email: string; password: string }) {
  const res = await call('POST', '/api/v1/auth/login', { body: { email: person.email, password: person.password } });
  expect(res.status).toBe(200);
  return sessionCookieFrom(res.headers);
}

async function staleReauthentication(cookie: string) {
  const hash = await sha256Hex(cookie.split('=')[1] ?? '');
  await inspectSql()`update session set reauthenticated_at = now() - interval '11 minutes' where token_hash = ${hash}`;
}

async function auditActions(userId: string, prefix = '') {
  const rows = (await inspectSql()`
    select action, metadata from audit_log
     where target_id = ${userId} and action like ${`${prefix}%`} order by created_at, id`) as Array<{ action: string; metadata: any }>;
  return rows;
}

describe('enrolling an authenticator app', () => {
  async function startEnrolment() {
    const person = await signUp();
    const userId = parsePublicId('user', person.user.id) as string;
    const started = await call('POST', '/api/v1/me/mfa/totp', { cookie: person.cookie });
    expect(started.status).toBe(200);
    return { person, userId, started, key: decodeBase32IgnorePadding(started.json.secret) };
  }

  it('shows a secret and QR URI once, and stores the secret encrypted', async () => {
    const person = await signUp();
    const userId = parsePublicId('user', person.user.id) as string;

    const status = await call('GET', '/api/v1/me/mfa', { cookie: person.cookie });
    expect(status.json).toMatchObject({ totp: { enabled: false, enabled_at: null }, backup_codes_remaining: 0 });
    expect(Date.parse(status.json.reauthenticated_until)).toBeGreaterThan(Date.now());

    const started = await call('POST', '/api/v1/me/mfa/totp', { cookie: person.cookie });
    expect(started.status).toBe(200);
    expect(started.json.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(started.json.otpauth_uri).toContain(`secret=${started.json.secret}`);
    expect(started.json.otpauth_uri).toContain(encodeURIComponent(person.email));

    const stored = (await inspectSql()`select secret, confirmed_at from totp_credential where user_id = ${userId}`) as Array<{
      secret: string;
      confirmed_at: Date | null;
    }>;
    expect(stored).toHaveLength(1);
    expect(stored[0]?.confirmed_at).toBeNull();
    expect(stored[0]?.secret).toMatch(/^v1\./);
    expect(stored[0]?.secret).not.toContain(started.json.secret);

    // Unconfirmed, it protects nothing: log-in still opens a session.
    expect(
      (await call('POST', '/api/v1/auth/login', { body: { email: person.email, password: person.password } })).json.user,
    ).toBeDefined();
    expect(totpSecretText(decodeBase32IgnorePadding(started.json.secret))).toBe(started.json.secret);
  });

  it('is turned on by a current code, shows ten backup codes and ends the other sessions', async () => {
    const { person, userId, key } = await startEnrolment();
    const other = await logInElsewhere(person);
    const another = await logInElsewhere(person);
    const wrong = await call('POST', '/api/v1/me/mfa/totp/confirm', { cookie: person.cookie, body: { code: codeAt(key, 3) } });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.code).toBe('SECOND_FACTOR_INVALID');

    await awayFromStepEdge();
    const confirmed = await call('POST', '/api/v1/me/mfa/totp/confirm', { cookie: person.cookie, body: { code: codeAt(key) } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json.backup_codes).toHaveLength(10);
    expect(new Set(confirmed.json.backup_codes).size).toBe(10);
    expect(confirmed.json.other_sessions_revoked).toBe(2);

    // An MFA change ends every other session; this one goes on.
    expect(await meStatus(other)).toBe(401);
    expect(await meStatus(another)).toBe(401);
    expect(await meStatus(person.cookie)).toBe(200);

    const after = await call('GET', '/api/v1/me/mfa', { cookie: person.cookie });
    expect(after.json).toMatchObject({ totp: { enabled: true }, backup_codes_remaining: 10 });

    // Backup codes are stored as keyed hashes, never as themselves.
    const hashes = (await inspectSql()`select code_hash from backup_code where user_id = ${userId}`) as Array<{ code_hash: string }>;
    expect(hashes).toHaveLength(10);
    for (const { code_hash } of hashes) {
      expect(code_hash).toMatch(/^[0-9a-f]{64}$/);
      for (const code of confirmed.json.backup_codes as string[]) expect(code_hash).not.toContain(code.replace('-', ''));
    }

    const again = await call('POST', '/api/v1/me/mfa/totp', { cookie: person.cookie });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('MFA_ALREADY_ENABLED');
    expect((await auditActions(userId, 'mfa.')).map((a) => a.action)).toEqual(['mfa.totp_enrolled']);
  });
});

describe('recent re-authentication', () => {
  it('is needed to enrol, confirm, remove and regenerate, and a password confirmation grants it', async () => {
    const person = await signUpWithTotp();
    await staleReauthentication(person.cookie);

    for (const [method, path] of [
      ['POST', '/api/v1/me/mfa/totp'],
      ['DELETE', '/api/v1/me/mfa/totp'],
      ['POST', '/api/v1/me/mfa/backup-codes'],
      ['POST', '/api/v1/me/passkeys/options'],
    ] as const) {
      const res = await call(method, path, { cookie: person.cookie });
      expect(res.status, path).toBe(403);
      expect(res.json.error.code, path).toBe('REAUTHENTICATION_REQUIRED');
    }
    const confirm = await call('POST', '/api/v1/me/mfa/totp/confirm', { cookie: person.cookie, body: { code: '123456' } });
    expect(confirm.json.error.code).toBe('REAUTHENTICATION_REQUIRED');
    expect((await call('GET', '/api/v1/me/mfa', { cookie: person.cookie })).json.reauthenticated_until).toBeNull();

    const wrong = await call('POST', '/api/v1/me/reauthenticate', { cookie: person.cookie, body: { password: 'not the password' } });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.code).toBe('INVALID_CREDENTIALS');
    expect((await call('POST', '/api/v1/me/mfa/backup-codes', { cookie: person.cookie })).status).toBe(403);

    const right = await call('POST', '/api/v1/me/reauthenticate', { cookie: person.cookie, body: { password: person.password } });
    expect(right.status).toBe(200);
    expect(Date.parse(right.json.reauthenticated_until)).toBeGreaterThan(Date.now() + 9 * 60 * 1000);
    expect((await call('POST', '/api/v1/me/mfa/backup-codes', { cookie: person.cookie })).status).toBe(200);

    const actions = (await auditActions(person.userId, 'user.reauth')).map((a) => a.action);
    expect(actions).toEqual(['user.reauthentication_failed', 'user.reauthenticated']);
  });
});

describe('signing in with a second factor', () => {
  it('opens no session until a code from the app is given', async () => {
    const person = await signUpWithTotp();
    const login = await call('POST', '/api/v1/auth/login', { body: { email: person.email, password: person.password } });
    expect(login.status).toBe(200);
    expect(login.json).toMatchObject({ second_factor_required: true, methods: ['totp', 'backup_code'] });
    expect(login.json.user).toBeUndefined();
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).not.toContain('__Host-session=');
    for (const attribute of ['HttpOnly', 'Secure', 'SameSite=Lax', 'Path=/', 'Max-Age=300']) expect(setCookie).toContain(attribute);
    const expiresIn = Date.parse(login.json.expires_at) - Date.now();
    expect(expiresIn).toBeLessThanOrEqual(5 * 60 * 1000);
    expect(expiresIn).toBeGreaterThan(0);

    const challenge = challengeCookieFrom(login.headers);
    // The pending sign-in is no session.
    expect(await meStatus(challenge)).toBe(401);
    const stored = (await inspectSql()`select token_hash from sign_in_challenge where user_id = ${person.userId}`) as Array<{
      token_hash: string;
    }>;
    expect(stored[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]?.token_hash).not.toBe(challenge.split('=')[1]);

    await awayFromStepEdge();
    const verified = await verify(challenge, { code: codeAt(person.key) });
    expect(verified.status).toBe(200);
    expect(verified.json.user.email).toBe(person.email);
    const session = sessionCookieFrom(verified.headers);
    expect(await meStatus(session)).toBe(200);

    // The pending sign-in worked once.
    await forgetRecentCodes(person.userId);
    const reused = await verify(challenge, { code: codeAt(person.key) });
    expect(reused.status).toBe(401);
    expect(reused.json.error.code).toBe('SIGN_IN_CHALLENGE_INVALID');

    const logins = (await auditActions(person.userId, 'user.'))
      .filter((a) => a.action !== 'user.signed_up')
      .map((a) => [a.action, a.metadata]);
    expect(logins.slice(-2)).toEqual([
      ['user.second_factor_required', { method: 'password' }],
      ['user.logged_in', { method: 'password', second_factor: 'totp' }],
    ]);
  });

  it('accepts one step either side, not two, and never the same code twice', async () => {
    const person = await signUpWithTotp();
    await awayFromStepEdge();
    const tooOld = await verify(await passwordStep(person), { code: codeAt(person.key, -2) });
    expect(tooOld.json.error.code).toBe('SECOND_FACTOR_INVALID');
    const tooNew = await verify(await passwordStep(person), { code: codeAt(person.key, 2) });
    expect(tooNew.json.error.code).toBe('SECOND_FACTOR_INVALID');

    const previous = codeAt(person.key, -1);
    expect((await verify(await passwordStep(person), { code: previous })).status).toBe(200);
    // Same code, new sign-in: refused (replay), as is any code at or before the step last accepted.
    const replay = await verify(await passwordStep(person), { code: previous });
    expect(replay.status).toBe(401);
    expect(replay.json.error.code).toBe('SECOND_FACTOR_INVALID');

    const next = codeAt(person.key, 1);
    expect((await verify(await passwordStep(person), { code: next })).status).toBe(200);
    const current = await verify(await passwordStep(person), { code: codeAt(person.key, 0) });
    expect(current.json.error.code).toBe('SECOND_FACTOR_INVALID');
  });

  it('burns the pending sign-in at the fifth wrong code; even the right code is refused after', async () => {
    const person = await signUpWithTotp();
    const challenge = await passwordStep(person);
    await awayFromStepEdge();
    const wrong = codeAt(person.key, 5);
    for (let attempt = 1; attempt <= 4; attempt++) {
      const res = await verify(challenge, { code: wrong });
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe('SECOND_FACTOR_INVALID');
      expect(res.json.error.message).toContain(`${5 - attempt} attempt`);
    }
    const fifth = await verify(challenge, { code: wrong });
    expect(fifth.status).toBe(401);
    expect(fifth.json.error.code).toBe('SIGN_IN_CHALLENGE_INVALID');
    const right = await verify(challenge, { code: codeAt(person.key) });
    expect(right.json.error.code).toBe('SIGN_IN_CHALLENGE_INVALID');
    expect(right.headers.get('set-cookie') ?? '').not.toContain('__Host-session=');

    const actions = (await auditActions(person.userId, 'mfa.')).map((a) => a.action);
    expect(actions.filter((a) => a === 'mfa.second_factor_failed')).toHaveLength(5);
    expect(actions.filter((a) => a === 'mfa.challenge_burnt')).toHaveLength(1);

    // A new sign-in starts afresh.
    expect((await verify(await passwordStep(person), { code: codeAt(person.key) })).status).toBe(200);
  });

  it('refuses an expired pending sign-in and a request without one', async () => {
    const person = await signUpWithTotp();
    const challenge = await passwordStep(person);
    await inspectSql()`update sign_in_challenge set expires_at = now() - interval '1 second' where user_id = ${person.userId}`;
    await awayFromStepEdge();
    const expired = await verify(challenge, { code: codeAt(person.key) });
    expect(expired.status).toBe(401);
    expect(expired.json.error.code).toBe('SIGN_IN_CHALLENGE_INVALID');
    const none = await call('POST', '/api/v1/auth/mfa/verify', { body: { code: '123456' } });
    expect(none.json.error.code).toBe('SIGN_IN_CHALLENGE_INVALID');
    const malformed = await verify(challenge, { code: 'abc' } as { code: string });
    expect(malformed.status).toBe(400);
    const both = await call('POST', '/api/v1/auth/mfa/verify', { cookie: challenge, body: { code: '123456', backup_code: 'x' } });
    expect(both.status).toBe(400);
  });
});

describe('backup codes', () => {
  it('each work once, are counted, and a new set voids the old one', async () => {
    const person = await signUpWithTotp();
    const [first, second, third] = person.backupCodes as [string, string, string];

    const used = await verify(await passwordStep(person), { backup_code: first.toUpperCase().replace('-', ' ') });
    expect(used.status).toBe(200);
    expect(used.json.backup_codes_remaining).toBe(9);
    const session = sessionCookieFrom(used.headers);
    expect((await call('GET', '/api/v1/me/mfa', { cookie: session })).json.backup_codes_remaining).toBe(9);

    const again = await verify(await passwordStep(person), { backup_code: first });
    expect(again.status).toBe(401);
    expect(again.json.error.code).toBe('SECOND_FACTOR_INVALID');
    expect(again.json.error.fields).toEqual({ backup_code: ['is not valid'] });

    // With TOTP on, a password alone opens no session.
    const passwordOnly = await call('POST', '/api/v1/auth/login', { body: { email: person.email, password: person.password } });
    expect(passwordOnly.headers.get('set-cookie') ?? '').not.toContain('__Host-session=');

    const regenerated = await call('POST', '/api/v1/me/mfa/backup-codes', { cookie: session });
    expect(regenerated.status).toBe(200);
    expect(regenerated.json.backup_codes).toHaveLength(10);
    expect(regenerated.json.backup_codes).not.toContain(second);
    // The session used to regenerate goes on; the first one (other device) ended.
    expect(await meStatus(session)).toBe(200);
    expect(await meStatus(person.cookie)).toBe(401);

    const old = await verify(await passwordStep(person), { backup_code: third });
    expect(old.json.error.code).toBe('SECOND_FACTOR_INVALID');
    const fresh = await verify(await passwordStep(person), { backup_code: regenerated.json.backup_codes[0] });
    expect(fresh.status).toBe(200);
    expect(fresh.json.backup_codes_remaining).toBe(9);

    const actions = (await auditActions(person.userId, 'mfa.')).map((a) => a.action);
    expect(actions).toEqual([
      'mfa.totp_enrolled',
      'mfa.backup_code_used',
      'mfa.second_factor_failed',
      'mfa.backup_codes_regenerated',
      'mfa.second_factor_failed',
      'mfa.backup_code_used',
    ]);
  });
});

describe('removing the authenticator app', () => {
  it('turns the second factor off, deletes the backup codes and ends the other sessions', async () => {
    const person = await signUpWithTotp();
    const otherLogin = await verify(await passwordStep(person), { code: codeAt(person.key, 1) });
    const other = sessionCookieFrom(otherLogin.headers);

    const removed = await call('DELETE', '/api/v1/me/mfa/totp', { cookie: person.cookie });
    expect(removed.status).toBe(200);
    expect(removed.json.other_sessions_revoked).toBe(1);
    expect(await meStatus(other)).toBe(401);
    expect(await meStatus(person.cookie)).toBe(200);
    expect(await inspectSql()`select 1 from totp_credential where user_id = ${person.userId}`).toEqual([]);
    expect(await inspectSql()`select 1 from backup_code where user_id = ${person.userId}`).toEqual([]);

    const login = await call('POST', '/api/v1/auth/login', { body: { email: person.email, password: person.password } });
    expect(login.json.user.email).toBe(person.email);
    expect((await call('DELETE', '/api/v1/me/mfa/totp', { cookie: person.cookie })).json.error.code).toBe('MFA_NOT_ENABLED');
    expect((await auditActions(person.userId, 'mfa.totp')).map((a) => a.action)).toEqual(['mfa.totp_enrolled', 'mfa.totp_removed']);
  });
});

describe('who may manage second factors', () => {
  it('refuses API keys (403), anonymous callers (401) and foreign origins (CSRF)', async () => {
    const { cookie } = await signUp();
    const ws = (await call('POST', '/api/v1/workspaces', { cookie, body: { name: 'Acme', slug: `ws-${crypto.randomUUID().slice(0, 8)}` } }))
      .json;
    const key = (await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie, body: { name: 'bot', role: 'admin' } })).json.key as string;
    expect((await call('GET', '/api/v1/me/mfa', { apiKey: key })).status).toBe(403);
    expect((await call('POST', '/api/v1/me/mfa/totp', { apiKey: key })).status).toBe(403);
    expect((await call('GET', '/api/v1/me/mfa')).status).toBe(401);
    expect((await call('POST', '/api/v1/me/reauthenticate', { body: { password: 'x' } })).status).toBe(401);
    const csrf = await call('POST', '/api/v1/me/mfa/totp', { cookie, headers: { origin: 'https://evil.example' } });
    expect(csrf.status).toBe(403);
  });

  it('keeps one person’s factors out of another’s reach, in the database', async () => {
    const a = await signUpWithTotp('A');
    const b = await signUpWithTotp('B');
    const db = new Database(loadConfig(env));
    const principal = {
      credential: { kind: 'session' as const, tokenHash: await sha256Hex(b.cookie.split('=')[1] ?? '') },
      workspace: null,
    };
    try {
      // Queries without a user filter, run as B's request: only B's rows are seen or touched.
      const seen = await withTenant(db, principal, async (tx) => ({
        totp: (await tx.execute(sql`select user_id from totp_credential`)).rows,
        codes: (await tx.execute(sql`select distinct user_id from backup_code`)).rows,
        deleted: (await tx.execute(sql`delete from backup_code where user_id = ${a.userId}`)).rowCount,
        updated: (await tx.execute(sql`update totp_credential set confirmed_at = null where user_id = ${a.userId}`)).rowCount,
      }));
      expect(seen).toEqual({ totp: [{ user_id: b.userId }], codes: [{ user_id: b.userId }], deleted: 0, updated: 0 });
      const challenges = async () =>
        withTenant(db, principal, (tx) => tx.execute(sql`select 1 from sign_in_challenge`)).then(
          () => 'allowed',
          (error: { cause?: { message?: string } }) => error.cause?.message ?? String(error),
        );
      expect(await challenges()).toMatch(/permission denied/);
    } finally {
      await db.close();
    }
    expect(await inspectSql()`select 1 from backup_code where user_id = ${a.userId}`).toHaveLength(10);
  });
});
