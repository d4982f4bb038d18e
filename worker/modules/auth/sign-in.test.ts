import { OpenAPIHono } from '@hono/zod-openapi';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Database } from '../../db/client.ts';
import type { AppEnv } from '../../env.ts';
import { loadConfig } from '../../kernel/config.ts';
import { inspectSql } from '../../test/db.ts';
import { signUpWithTotp } from '../mfa/mfa.test-helpers.ts';
import { signUp } from '../../test/client.ts';
import { redirectAfterSignIn, respondToSignIn } from './sign-in.response.ts';
import { completeSignIn, type SignInMethod, type SignInOutcome } from './sign-in.ts';
import { parsePublicId } from '../../kernel/ids.ts';

const context = { ip: '10.0.0.1', userAgent: 'seam-test', requestId: 'req_seam' };

async function signInAs(userId: string, method: SignInMethod) {
  const db = new Database(loadConfig(env));
  const [user] = (await inspectSql()`select id, email, name, created_at from "user" where id = ${userId}`) as Array<{
    id: string;
    email: string;
    name: string;
    created_at: string;
  }>;
  if (!user) throw new Error('no such user');
  return completeSignIn(
    db,
    { user: { id: user.id, email: user.email, name: user.name, createdAt: new Date(user.created_at) }, method, previousSessionHash: null },
    context,
  );
}

const sessionsOf = async (userId: string) =>
  ((await inspectSql()`select count(*)::int as n from session where user_id = ${userId}`) as Array<{ n: number }>)[0]?.n;

describe('the sign-in seam and the second factor', () => {
  it.each(['password', 'magic_link', 'password_reset', 'oauth', 'sso'] as const)(
    'a %s sign-in of a person with TOTP opens no session and waits for the second factor',
    async (method) => {
      const person = await signUpWithTotp();
      const before = await sessionsOf(person.userId);
      const outcome = await signInAs(person.userId, method);
      expect(outcome.kind).toBe('second_factor');
      expect(await sessionsOf(person.userId)).toBe(before);
      const pending = await inspectSql()`select method from sign_in_challenge where user_id = ${person.userId}`;
      expect(pending).toEqual([{ method }]);
    },
  );

  it('a passkey sign-in is multi-factor itself and opens the session', async () => {
    const person = await signUpWithTotp();
    const outcome = await signInAs(person.userId, 'passkey');
    expect(outcome.kind).toBe('session');
  });

  it('a person without TOTP gets the session at once', async () => {
    const person = await signUp();
    expect((await signInAs(parsePublicId('user', person.user.id) as string, 'magic_link')).kind).toBe('session');
  });
});

describe('turning an outcome into a response', () => {
  const app = new OpenAPIHono<AppEnv>();
  let outcome: SignInOutcome = {
    kind: 'second_factor',
    challengeToken: 'x'.repeat(43),
    expiresAt: new Date(0),
    methods: ['totp', 'backup_code'],
  };
  app.get('/json', (c) => respondToSignIn(c, outcome));
  app.get('/redirect', (c) => redirectAfterSignIn(c, outcome, c.req.query('next')));
  const user = { id: 'usr_x', email: 'a@example.com', name: 'A', created_at: new Date(0).toISOString() };

  it('JSON routes answer 200 with second_factor_required and set only the challenge cookie', async () => {
    outcome = { kind: 'second_factor', challengeToken: 'x'.repeat(43), expiresAt: new Date(0), methods: ['totp', 'backup_code'] };
    const res = await app.request('/json');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      second_factor_required: true,
      methods: ['totp', 'backup_code'],
      expires_at: new Date(0).toISOString(),
    });
    expect(res.headers.get('set-cookie')).toMatch(/^__Host-sign-in=x{43}; Max-Age=300; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
  });

  it('redirect routes send a pending sign-in to the second-factor page, keeping only a safe next', async () => {
    outcome = { kind: 'second_factor', challengeToken: 'x'.repeat(43), expiresAt: new Date(0), methods: ['totp', 'backup_code'] };
    const safe = await app.request(`/redirect?next=${encodeURIComponent('/w/acme/projects?tab=1')}`);
    expect(safe.status).toBe(302);
    expect(safe.headers.get('location')).toBe(`/login/second-factor?next=${encodeURIComponent('/w/acme/projects?tab=1')}`);
    const evil = await app.request(`/redirect?next=${encodeURIComponent('//evil.example/x')}`);
    expect(evil.headers.get('location')).toBe('/login/second-factor?next=%2F');
  });

  it('redirect routes send a session to next, and clear a stale challenge cookie', async () => {
    outcome = { kind: 'session', token: 't'.repeat(43), user };
    const res = await app.request(`/redirect?next=${encodeURIComponent('https://evil.example')}`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/');
    const cookies = res.headers.get('set-cookie') ?? '';
    expect(cookies).toContain(`__Host-session=${'t'.repeat(43)}`);
    expect(cookies).toMatch(/__Host-sign-in=; Max-Age=0/);
    const json = await app.request('/json');
    expect(await json.json()).toEqual({ user });
  });
});
