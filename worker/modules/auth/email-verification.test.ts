import { beforeAll, describe, expect, it } from 'vitest';
import { call, createWorkspace, sessionCookieFrom, signUp, unique } from '../../test/client.ts';
import { inspectSql, ownerSql } from '../../test/db.ts';
import { mailFor, tokenFromMail, warmUpMailRendering } from '../../test/inbox.ts';

beforeAll(warmUpMailRendering, 60_000);

const password = 'correct horse battery staple';

async function freshAccount() {
  const email = `${unique('verify')}@example.com`;
  const res = await call('POST', '/api/v1/auth/signup', { body: { email, password, name: 'Vera' } });
  expect(res.status).toBe(201);
  return { email, cookie: sessionCookieFrom(res.headers) };
}

const auditActions = async (email: string) =>
  (
    (await inspectSql()`select a.action from audit_log a join "user" u on u.id::text = a.target_id
      where u.email = ${email} order by a.created_at, a.action`) as Array<{ action: string }>
  ).map((r) => r.action);

describe('email verification', () => {
  it('is mailed at sign-up without holding up entry, and one POST of the token verifies the address once', async () => {
    const { email, cookie } = await freshAccount();
    const me = await call('GET', '/api/v1/me', { cookie });
    expect(me.status).toBe(200);
    expect(me.json.user.email_verified).toBe(false);

    const token = await tokenFromMail(email, 'verify-email');
    const verified = await call('POST', '/api/v1/auth/verify-email', { body: { token } });
    expect(verified.status).toBe(200);
    expect(verified.json).toEqual({ email, email_verified: true });
    expect((await call('GET', '/api/v1/me', { cookie })).json.user.email_verified).toBe(true);

    const again = await call('POST', '/api/v1/auth/verify-email', { body: { token } });
    expect(again.status).toBe(400);
    expect(again.json.error.code).toBe('INVALID_TOKEN');
    expect(await auditActions(email)).toEqual(expect.arrayContaining(['user.signed_up', 'user.verification_sent', 'user.email_verified']));
  });

  it('stores only the hash of the token, for 24 hours at most', async () => {
    const { email } = await freshAccount();
    const token = await tokenFromMail(email, 'verify-email');
    const rows = (await ownerSql()`select t.token_hash, extract(epoch from t.expires_at - t.created_at)::int as ttl
      from email_token t join "user" u on u.id = t.user_id where u.email = ${email} and t.purpose = 'verify_email'`) as Array<{
      token_hash: string;
      ttl: number;
    }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.token_hash).not.toContain(token);
    expect(rows[0]?.ttl).toBeLessThanOrEqual(24 * 3600);
  });

  it('resends with one click; using the newest link retires the older ones', async () => {
    const { email } = await freshAccount();
    const first = await tokenFromMail(email, 'verify-email');
    const resend = await call('POST', '/api/v1/auth/verify-email/resend', { body: { email } });
    expect(resend.status).toBe(202);
    const second = await tokenFromMail(email, 'verify-email', 2);
    expect(second).not.toBe(first);
    expect((await call('POST', '/api/v1/auth/verify-email', { body: { token: second } })).status).toBe(200);
    const old = await call('POST', '/api/v1/auth/verify-email', { body: { token: first } });
    expect(old.json.error.code).toBe('INVALID_TOKEN');
  });

  it('binds the token to the address it was sent to', async () => {
    const { email } = await freshAccount();
    const token = await tokenFromMail(email, 'verify-email');
    const other = `${unique('moved')}@example.com`;
    await ownerSql()`update "user" set email = ${other} where email = ${email}`;
    const res = await call('POST', '/api/v1/auth/verify-email', { body: { token } });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('INVALID_TOKEN');
    const rows = await ownerSql()`select email_verified_at from "user" where email = ${other}`;
    expect(rows).toEqual([{ email_verified_at: null }]);
  });

  it('refuses malformed, unknown and expired tokens alike', async () => {
    const { email } = await freshAccount();
    const token = await tokenFromMail(email, 'verify-email');
    await ownerSql()`update email_token set expires_at = now() - interval '1 second'
      where user_id = (select id from "user" where email = ${email})`;
    for (const candidate of [token, 'A'.repeat(43), 'short', '../../etc']) {
      const res = await call('POST', '/api/v1/auth/verify-email', { body: { token: candidate } });
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('INVALID_TOKEN');
    }
  });

  it('is required before a person creates an API key: a clear code, nothing created', async () => {
    const owner = await signUp('Unverified', { verified: false });
    const ws = await createWorkspace(owner.cookie);
    const refused = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie: owner.cookie, body: { name: 'ci', role: 'member' } });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('EMAIL_NOT_VERIFIED');
    const count =
      await inspectSql()`select count(*)::int as n from api_key where workspace_id = (select id from workspace where slug = ${ws.slug})`;
    expect(count).toEqual([{ n: 0 }]);

    const token = await tokenFromMail(owner.email, 'verify-email');
    expect((await call('POST', '/api/v1/auth/verify-email', { body: { token } })).status).toBe(200);
    const created = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie: owner.cookie, body: { name: 'ci', role: 'member' } });
    expect(created.status).toBe(201);
  });

  it('does not mail an already verified address again on resend', async () => {
    const { email } = await signUp('Done');
    await mailFor(email, 'verify-email');
    expect((await call('POST', '/api/v1/auth/verify-email/resend', { body: { email } })).status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(await mailFor(email, 'verify-email', { count: 2, timeoutMs: 0 })).toHaveLength(1);
  });
});
