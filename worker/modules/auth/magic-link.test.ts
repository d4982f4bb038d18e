import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { call, sessionCookieFrom, signUp } from '../../test/client.ts';
import { inspectSql, ownerSql } from '../../test/db.ts';
import { tokenFromMail, warmUpMailRendering } from '../../test/inbox.ts';

beforeAll(warmUpMailRendering, 60_000);
afterEach(() => {
  vi.restoreAllMocks();
});

async function requestLink(email: string, count = 1) {
  const res = await call('POST', '/api/v1/auth/magic-link/request', { body: { email } });
  expect(res.status).toBe(202);
  return tokenFromMail(email, 'magic-link', count);
}

describe('magic link', () => {
  it('signs in only through the POST, once, and counts as proof of the address', async () => {
    const account = await signUp('Magic', { verified: false });
    const token = await requestLink(account.email);

    // Opening or prefetching the link is a GET of the page: the token is in the fragment, which
    // never reaches a server, and nothing but the POST spends it.
    await call('GET', `/magic-link#token=${token}`);
    await call('GET', `/magic-link?token=${token}`);

    const confirmed = await call('POST', '/api/v1/auth/magic-link/confirm', { body: { token } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json.user.email).toBe(account.email);
    const cookie = sessionCookieFrom(confirmed.headers);
    const me = await call('GET', '/api/v1/me', { cookie });
    expect(me.status).toBe(200);
    expect(me.json.user.email_verified).toBe(true);

    const again = await call('POST', '/api/v1/auth/magic-link/confirm', { body: { token } });
    expect(again.status).toBe(400);
    expect(again.json.error.code).toBe('INVALID_TOKEN');
    expect(again.headers.get('set-cookie')).toBeNull();

    const audit = await inspectSql()`select a.action, a.metadata from audit_log a join "user" u on u.id::text = a.target_id
      where u.email = ${account.email} and a.action in ('user.magic_link_sent', 'user.magic_link_used', 'user.logged_in') order by a.created_at, a.action`;
    expect(audit).toEqual([
      { action: 'user.magic_link_sent', metadata: null },
      { action: 'user.logged_in', metadata: { method: 'magic_link' } },
      { action: 'user.magic_link_used', metadata: null },
    ]);
  });

  it('lives at most 10 minutes (ASVS 6.5.5) and expires', async () => {
    const account = await signUp('Expiry');
    const token = await requestLink(account.email);
    const rows = await ownerSql()`select extract(epoch from t.expires_at - t.created_at)::int as ttl from email_token t
      join "user" u on u.id = t.user_id where u.email = ${account.email} and t.purpose = 'magic_link'`;
    expect((rows[0] as { ttl: number }).ttl).toBeLessThanOrEqual(10 * 60);
    await ownerSql()`update email_token set expires_at = now() - interval '1 second'
      where purpose = 'magic_link' and user_id = (select id from "user" where email = ${account.email})`;
    const res = await call('POST', '/api/v1/auth/magic-link/confirm', { body: { token } });
    expect(res.json.error.code).toBe('INVALID_TOKEN');
  });

  it('is bound to its purpose and to the address it was sent to', async () => {
    const account = await signUp('Bound');
    const verifyToken = await tokenFromMail(account.email, 'verify-email');
    expect((await call('POST', '/api/v1/auth/magic-link/confirm', { body: { token: verifyToken } })).json.error.code).toBe('INVALID_TOKEN');

    const token = await requestLink(account.email);
    expect((await call('POST', '/api/v1/auth/verify-email', { body: { token } })).json.error.code).toBe('INVALID_TOKEN');
    const moved = account.email.replace('@', '+moved@');
    await ownerSql()`update "user" set email = ${moved} where email = ${account.email}`;
    const res = await call('POST', '/api/v1/auth/magic-link/confirm', { body: { token } });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('INVALID_TOKEN');
  });

  it('never writes the token to a log line', async () => {
    const account = await signUp('Quiet');
    const token = await requestLink(account.email);
    const spy = vi.spyOn(console, 'log');
    const errors = vi.spyOn(console, 'error');
    const confirmed = await call('POST', '/api/v1/auth/magic-link/confirm', { body: { token } });
    expect(confirmed.status).toBe(200);
    await call('POST', '/api/v1/auth/magic-link/confirm', { body: { token } });
    const lines = [...spy.mock.calls, ...errors.mock.calls].map((args) => args.map(String).join(' '));
    const requestLines = lines.filter((line) => line.includes('"message":"request"'));
    expect(requestLines.length).toBeGreaterThanOrEqual(2);
    expect(requestLines.some((line) => line.includes('"route":"/api/v1/auth/magic-link/confirm"'))).toBe(true);
    for (const line of lines) expect(line).not.toContain(token);
  });
});
