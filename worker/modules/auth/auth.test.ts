import { describe, expect, it } from 'vitest';
import { call, sessionCookieFrom, signUp, unique } from '../../test/client.ts';
import { inspectSql, ownerSql } from '../../test/db.ts';
import { hashPassword, pbkdf2Iterations } from './password.ts';

describe('sign-up, log-in, log-out', () => {
  it('signs up into a session held in a __Host- cookie', async () => {
    const email = `${unique('New.Person')}@Example.com`;
    const res = await call('POST', '/api/v1/auth/signup', { body: { email, password: 'a good long password', name: 'New' } });
    expect(res.status).toBe(201);
    expect(res.json.user).toMatchObject({ email: email.toLowerCase(), name: 'New' });
    expect(res.json.user.id).toMatch(/^usr_[0-9a-z]{25}$/);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-session=[A-Za-z0-9_-]{43};/);
    for (const attribute of ['HttpOnly', 'Secure', 'SameSite=Lax', 'Path=/']) expect(cookie).toContain(attribute);
    expect(cookie).not.toMatch(/Domain=/i);
    expect(res.headers.get('cache-control')).toBe('no-store');

    const me = await call('GET', '/api/v1/me', { cookie: sessionCookieFrom(res.headers) });
    expect(me.status).toBe(200);
    expect(me.json).toEqual({ user: { ...res.json.user, email_verified: false, has_avatar: false }, memberships: [] });
    expect(me.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a taken email and invalid input without creating anything', async () => {
    const { email } = await signUp();
    const taken = await call('POST', '/api/v1/auth/signup', { body: { email, password: 'another password', name: 'X' } });
    expect(taken.status).toBe(409);
    expect(taken.json.error.code).toBe('EMAIL_TAKEN');
    const bad = await call('POST', '/api/v1/auth/signup', { body: { email: 'not-an-email', password: 'short', name: '' } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(['email', 'name', 'password']);
    const rows = await ownerSql()`select count(*)::int as n from "user" where email = 'not-an-email'`;
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('answers a wrong password and an unknown email identically', async () => {
    const { email } = await signUp();
    const ip = '10.9.9.9';
    const wrong = await call('POST', '/api/v1/auth/login', { body: { email, password: 'wrong password!' }, ip });
    const unknown = await call('POST', '/api/v1/auth/login', {
      body: { email: `${unique('nobody')}@example.com`, password: 'wrong password!' },
      ip,
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(wrong.status);
    const strip = (j: Record<string, any>) => ({ ...j.error, request_id: undefined });
    expect(strip(unknown.json)).toEqual(strip(wrong.json));
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('rotates the session at log-in and revokes it at log-out', async () => {
    const { email, password, cookie: first } = await signUp();
    const login = await call('POST', '/api/v1/auth/login', { body: { email, password }, cookie: first });
    expect(login.status).toBe(200);
    const second = sessionCookieFrom(login.headers);
    expect(second).not.toBe(first);
    expect((await call('GET', '/api/v1/me', { cookie: first })).status).toBe(401);
    expect((await call('GET', '/api/v1/me', { cookie: second })).status).toBe(200);

    const out = await call('POST', '/api/v1/auth/logout', { cookie: second });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/__Host-session=;.*Max-Age=0/);
    const after = await call('GET', '/api/v1/me', { cookie: second });
    expect(after.status).toBe(401);
    expect(after.json.error.code).toBe('UNAUTHENTICATED');
  });

  it('writes audit entries with actor, target, IP and user agent', async () => {
    const ip = '10.7.7.7';
    const headers = { 'user-agent': 'audit-test/1.0' };
    const email = `${unique('audited')}@example.com`;
    const password = 'audited password';
    const signup = await call('POST', '/api/v1/auth/signup', { body: { email, password, name: 'A' }, ip, headers });
    const cookie = sessionCookieFrom(signup.headers);
    await call('POST', '/api/v1/auth/login', { body: { email, password: 'not the password' }, ip, headers });
    const login = await call('POST', '/api/v1/auth/login', { body: { email, password }, ip, headers });
    await call('POST', '/api/v1/auth/logout', { cookie: sessionCookieFrom(login.headers), ip, headers });
    void cookie;
    const sql = inspectSql();
    const rows = await sql`
      select a.action, a.actor_type, a.target_type, a.ip, a.user_agent, a.request_id is not null as has_request
        from audit_log a join "user" u on u.id::text = a.target_id
       where u.email = ${email} order by a.created_at, a.action`;
    expect(rows).toEqual([
      { action: 'user.signed_up', actor_type: 'user', target_type: 'user', ip, user_agent: 'audit-test/1.0', has_request: true },
      {
        action: 'user.verification_sent',
        actor_type: 'anonymous',
        target_type: 'user',
        ip,
        user_agent: 'audit-test/1.0',
        has_request: true,
      },
      { action: 'user.login_failed', actor_type: 'anonymous', target_type: 'user', ip, user_agent: 'audit-test/1.0', has_request: true },
      { action: 'user.logged_in', actor_type: 'user', target_type: 'user', ip, user_agent: 'audit-test/1.0', has_request: true },
      { action: 'user.logged_out', actor_type: 'user', target_type: 'user', ip, user_agent: 'audit-test/1.0', has_request: true },
    ]);
  });

  it('re-hashes a password stored with older parameters at the next log-in', async () => {
    const { email, password } = await signUp();
    const sql = ownerSql();
    await sql`update "user" set password_hash = ${await hashPassword(password, 1000)} where email = ${email}`;
    const login = await call('POST', '/api/v1/auth/login', { body: { email, password } });
    expect(login.status).toBe(200);
    const rows = await sql`select password_hash from "user" where email = ${email}`;
    expect((rows[0] as { password_hash: string }).password_hash).toMatch(new RegExp(`^pbkdf2-sha256\\$${pbkdf2Iterations}\\$`));
  });
});
