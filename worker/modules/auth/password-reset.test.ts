import { beforeAll, describe, expect, it } from 'vitest';
import { call, sessionCookieFrom, signUp, unique } from '../../test/client.ts';
import { inspectSql, ownerSql } from '../../test/db.ts';
import { mailFor, settle, tokenFromMail, warmUpMailRendering } from '../../test/inbox.ts';

beforeAll(warmUpMailRendering, 60_000);

const newPassword = 'a brand new long password';

async function requestReset(email: string) {
  const res = await call('POST', '/api/v1/auth/password-reset/request', { body: { email } });
  expect(res.status).toBe(202);
  return tokenFromMail(email, 'password-reset');
}

describe('password reset', () => {
  it('mails a single-use link valid for at most an hour; the new password works and every session ends', async () => {
    const account = await signUp('Reset');
    const second = await call('POST', '/api/v1/auth/login', { body: { email: account.email, password: account.password } });
    const otherCookie = sessionCookieFrom(second.headers);
    const token = await requestReset(account.email);

    const ttl = await ownerSql()`select extract(epoch from t.expires_at - t.created_at)::int as ttl from email_token t
      join "user" u on u.id = t.user_id where u.email = ${account.email} and t.purpose = 'password_reset'`;
    expect((ttl[0] as { ttl: number }).ttl).toBeLessThanOrEqual(3600);

    const done = await call('POST', '/api/v1/auth/password-reset/complete', { body: { token, password: newPassword } });
    expect(done.status).toBe(204);
    expect(done.headers.get('set-cookie')).toBeNull();
    for (const cookie of [account.cookie, otherCookie]) expect((await call('GET', '/api/v1/me', { cookie })).status).toBe(401);

    expect((await call('POST', '/api/v1/auth/login', { body: { email: account.email, password: account.password } })).status).toBe(401);
    expect((await call('POST', '/api/v1/auth/login', { body: { email: account.email, password: newPassword } })).status).toBe(200);

    const reused = await call('POST', '/api/v1/auth/password-reset/complete', { body: { token, password: 'yet another password' } });
    expect(reused.status).toBe(400);
    expect(reused.json.error.code).toBe('INVALID_TOKEN');

    const audit = await inspectSql()`select a.action, a.metadata from audit_log a join "user" u on u.id::text = a.target_id
      where u.email = ${account.email} and a.action like 'user.password_reset%' order by a.created_at`;
    expect(audit).toEqual([
      { action: 'user.password_reset_requested', metadata: { outcome: 'sent' } },
      {
        action: 'user.password_reset_completed',
        metadata: { sessions_ended: 2, token_families_revoked: 0, personal_access_tokens_revoked: 0 },
      },
    ]);
  });

  it('is sent only to a verified address, with the same answer', async () => {
    const unverified = await signUp('Unverified', { verified: false });
    const res = await call('POST', '/api/v1/auth/password-reset/request', { body: { email: unverified.email } });
    expect(res.status).toBe(202);
    await settle(1000);
    expect(await mailFor(unverified.email, 'password-reset', { timeoutMs: 0 })).toEqual([]);
    const audit = await inspectSql()`select a.metadata from audit_log a join "user" u on u.id::text = a.target_id
      where u.email = ${unverified.email} and a.action = 'user.password_reset_requested'`;
    expect(audit).toEqual([{ metadata: { outcome: 'unverified' } }]);
  });

  it('refuses an expired token and a token of another purpose, changing nothing', async () => {
    const account = await signUp('Expired');
    const token = await requestReset(account.email);
    await ownerSql()`update email_token set expires_at = now() - interval '1 second'
      where purpose = 'password_reset' and user_id = (select id from "user" where email = ${account.email})`;
    const expired = await call('POST', '/api/v1/auth/password-reset/complete', { body: { token, password: newPassword } });
    expect(expired.json.error.code).toBe('INVALID_TOKEN');

    const verifyToken = await tokenFromMail(account.email, 'verify-email');
    const wrongPurpose = await call('POST', '/api/v1/auth/password-reset/complete', {
      body: { token: verifyToken, password: newPassword },
    });
    expect(wrongPurpose.json.error.code).toBe('INVALID_TOKEN');
    expect((await call('GET', '/api/v1/me', { cookie: account.cookie })).status).toBe(200);
    expect((await call('POST', '/api/v1/auth/login', { body: { email: account.email, password: account.password } })).status).toBe(200);
  });

  it('applies the password policy without spending the token', async () => {
    const account = await signUp('Policy');
    const token = await requestReset(account.email);
    const weak = await call('POST', '/api/v1/auth/password-reset/complete', { body: { token, password: 'password' } });
    expect(weak.status).toBe(400);
    expect(weak.json.error.fields).toEqual({ password: ['is too common'] });
    const asEmail = await call('POST', '/api/v1/auth/password-reset/complete', { body: { token, password: account.email } });
    expect(asEmail.json.error.fields).toEqual({ password: ['must not be your email address'] });
    expect((await call('POST', '/api/v1/auth/password-reset/complete', { body: { token, password: newPassword } })).status).toBe(204);
  });

  it('lets only one of two concurrent uses of a token through', async () => {
    const account = await signUp('Race');
    const token = await requestReset(account.email);
    const results = await Promise.all(
      ['first racing password', 'second racing password'].map((password) =>
        call('POST', '/api/v1/auth/password-reset/complete', { body: { token, password } }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([204, 400]);
  });
});

describe('password change', () => {
  it('needs the current password, keeps this session and ends the others', async () => {
    const account = await signUp('Changer');
    const other = sessionCookieFrom(
      (await call('POST', '/api/v1/auth/login', { body: { email: account.email, password: account.password } })).headers,
    );

    const wrong = await call('POST', '/api/v1/me/password', {
      cookie: account.cookie,
      body: { current_password: 'not it at all', new_password: newPassword },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.fields).toEqual({ current_password: ['is not your current password'] });
    expect((await call('GET', '/api/v1/me', { cookie: other })).status).toBe(200);

    const changed = await call('POST', '/api/v1/me/password', {
      cookie: account.cookie,
      body: { current_password: account.password, new_password: newPassword },
    });
    expect(changed.status).toBe(200);
    expect(changed.json).toEqual({ sessions_ended: 1, app_sign_ins_ended: 0, personal_access_tokens_revoked: 0 });
    expect((await call('GET', '/api/v1/me', { cookie: account.cookie })).status).toBe(200);
    expect((await call('GET', '/api/v1/me', { cookie: other })).status).toBe(401);
    expect((await call('POST', '/api/v1/auth/login', { body: { email: account.email, password: account.password } })).status).toBe(401);
    expect((await call('POST', '/api/v1/auth/login', { body: { email: account.email, password: newPassword } })).status).toBe(200);

    const audit = await inspectSql()`select a.actor_type, a.metadata from audit_log a join "user" u on u.id::text = a.target_id
      where u.email = ${account.email} and a.action = 'user.password_changed'`;
    expect(audit).toEqual([
      { actor_type: 'user', metadata: { sessions_ended: 1, token_families_revoked: 0, personal_access_tokens_revoked: 0 } },
    ]);
  });

  it('refuses a signed-out request and the email as the new password', async () => {
    const account = await signUp('Changer');
    const anonymous = await call('POST', '/api/v1/me/password', {
      body: { current_password: account.password, new_password: newPassword },
    });
    expect(anonymous.status).toBe(401);
    const asEmail = await call('POST', '/api/v1/me/password', {
      cookie: account.cookie,
      body: { current_password: account.password, new_password: account.email },
    });
    expect(asEmail.json.error.fields).toEqual({ new_password: ['must not be your email address'] });
    void unique;
  });
});
