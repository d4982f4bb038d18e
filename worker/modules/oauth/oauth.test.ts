import { describe, expect, it } from 'vitest';
import { call, signUp, unique } from '../../test/client.ts';
import { inspectSql, ownerSql } from '../../test/db.ts';
import { consent, deliver, signInWith, startOAuth } from './testing.ts';
import { setContextText } from '../../db/context.ts';
import { parsePublicId } from '../../kernel/ids.ts';

const email = () => `${unique('oauth')}@example.com`;

async function me(cookie: string | null) {
  const res = await call('GET', '/api/v1/me', cookie ? { cookie } : {});
  return res.status === 200 ? (res.json.user as { id: string; email: string; name: string }) : null;
}

async function auditOf(userPublicId: string) {
  const id = parsePublicId('user', userPublicId);
  return (await inspectSql()`select action, metadata from audit_log where target_id = ${id} order by created_at, id`) as Array<{
    action: string;
    metadata: Record<string, unknown> | null;
  }>;
}

async function identitiesOf(address: string) {
  return (await inspectSql()`select a.provider, a.subject from oauth_account a join "user" u on u.id = a.user_id where u.email = ${address}`) as Array<{
    provider: string;
    subject: string;
  }>;
}

const userCount = async (address: string) =>
  ((await inspectSql()`select count(*)::int as n from "user" where email = ${address}`) as Array<{ n: number }>)[0]?.n;

// The first round trip warms the isolate, the driver and the stand-ins on a busy machine.
describe('sign-in with Google (OpenID Connect against the local stand-in)', { timeout: 60_000 }, () => {
  it('creates an account for a verified email, keyed on (provider, subject), and lands on next', async () => {
    const address = email();
    const result = await signInWith(
      'google',
      { email: address, name: 'Gina Google', subject: `sub-${address}` },
      { next: '/workspaces/new' },
    );
    expect(result.status).toBe(302);
    expect(result.location).toBe('/workspaces/new');
    const user = await me(result.sessionCookie);
    expect(user).toMatchObject({ email: address, name: 'Gina Google' });
    expect(await identitiesOf(address)).toEqual([{ provider: 'google', subject: `sub-${address}` }]);
    const audit = await auditOf(user?.id ?? '');
    expect(audit.map((a) => a.action)).toEqual(['user.signed_up', 'oauth.linked', 'user.logged_in']);
    expect(audit[2]?.metadata).toMatchObject({ method: 'oauth', provider: 'google' });
    // No password: the password log-in refuses it like any wrong password.
    const login = await call('POST', '/api/v1/auth/login', { body: { email: address, password: 'whatever-it-is-123' } });
    expect(login.status).toBe(401);
  });

  it('signs the same identity in again by subject, even when the provider’s email changed', async () => {
    const address = email();
    const subject = `sub-${unique('g')}`;
    const first = await signInWith('google', { email: address, subject });
    const again = await signInWith('google', { email: email(), subject });
    expect(again.location).toBe('/');
    expect((await me(again.sessionCookie))?.id).toBe((await me(first.sessionCookie))?.id);
  });

  it('refuses an unverified email: no account, no session', async () => {
    const address = email();
    const result = await signInWith('google', { email: address, verified: false });
    expect(result.location).toBe('/login?error=OAUTH_EMAIL_UNVERIFIED');
    expect(result.sessionCookie).toBeNull();
    expect(await userCount(address)).toBe(0);
  });

  it('never signs into or links an existing account by email, verified or not', async () => {
    const owner = await signUp();
    const verified = await signInWith('google', { email: owner.email });
    expect(verified.location).toBe('/login?error=OAUTH_ACCOUNT_EXISTS');
    expect(verified.sessionCookie).toBeNull();
    const unverified = await signInWith('google', { email: owner.email, verified: false });
    expect(unverified.location).toBe('/login?error=OAUTH_EMAIL_UNVERIFIED');
    expect(unverified.sessionCookie).toBeNull();
    expect(await identitiesOf(owner.email)).toEqual([]);
    const failures = (await auditOf(owner.user.id)).filter((a) => a.action === 'user.login_failed');
    expect(failures.map((f) => f.metadata)).toEqual([
      expect.objectContaining({ method: 'oauth', provider: 'google', reason: 'OAUTH_ACCOUNT_EXISTS' }),
    ]);
  });

  it.each(['audience', 'issuer', 'nonce', 'signature', 'expired'] as const)('refuses an ID token with a bad %s', async (tamper) => {
    const address = email();
    const result = await signInWith('google', { email: address, tamper });
    expect(result.location).toBe('/login?error=OAUTH_PROVIDER_ERROR');
    expect(result.sessionCookie).toBeNull();
    expect(await userCount(address)).toBe(0);
  });

  it('sends a cancelled consent back to the log-in page', async () => {
    const result = await signInWith('google', { email: email(), deny: true });
    expect(result.location).toBe('/login?error=OAUTH_PROVIDER_ERROR');
  });

  it('keeps next on this origin', async () => {
    const result = await signInWith('google', { email: email() }, { next: 'https://evil.example/steal' });
    expect(result.location).toBe('/');
  });
});

describe('the state cookie and PKCE', () => {
  it('sets a short-lived HttpOnly __Host- cookie named for the provider, with state, PKCE S256 and a nonce', async () => {
    const res = await call('POST', '/api/v1/auth/oauth/google/start', { body: {} });
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^__Host-oauth-google=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/Secure/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).toMatch(/Max-Age=600/);
    const url = new URL(res.json.authorization_url as string);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(url.searchParams.get('nonce')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(url.searchParams.get('redirect_uri')).toBe('http://localhost:8787/api/v1/auth/oauth/google/callback');
  });

  it('refuses a callback without the cookie, with another state, or with a forged cookie', async () => {
    const started = await startOAuth('google');
    const callback = await consent(started.authorizationUrl, { email: email() });
    expect((await deliver(callback, [])).error).toBe('OAUTH_STATE_INVALID');
    const other = await startOAuth('google');
    expect((await deliver(callback, [other.stateCookie])).error).toBe('OAUTH_STATE_INVALID');
    const forged = `${started.stateCookie.slice(0, -4)}AAAA`;
    expect((await deliver(callback, [forged])).error).toBe('OAUTH_STATE_INVALID');
  });

  it('binds the state to its provider: GitHub’s cookie cannot finish a Google callback', async () => {
    const google = await startOAuth('google');
    const github = await startOAuth('github');
    const callback = await consent(google.authorizationUrl, { email: email() });
    // The GitHub state cookie under the Google name, with GitHub's state in the query.
    const swapped = `__Host-oauth-google=${github.stateCookie.split('=').slice(1).join('=')}`;
    callback.searchParams.set('state', github.authorizationUrl.searchParams.get('state') ?? '');
    expect((await deliver(callback, [swapped])).error).toBe('OAUTH_STATE_INVALID');
  });

  it('spends the state on the first callback and refuses a replayed code', async () => {
    const started = await startOAuth('google');
    const callback = await consent(started.authorizationUrl, { email: email() });
    const first = await deliver(callback, [started.stateCookie]);
    expect(first.sessionCookie).not.toBeNull();
    expect(first.headers.get('set-cookie')).toMatch(/__Host-oauth-google=;.*Max-Age=0/);
    const replay = await deliver(callback, [started.stateCookie]);
    expect(replay.error).toBe('OAUTH_PROVIDER_ERROR');
    expect(replay.sessionCookie).toBeNull();
  });

  it('refuses an injected code: it was issued for another PKCE verifier', async () => {
    const attacker = await startOAuth('google');
    const attackerCallback = await consent(attacker.authorizationUrl, { email: email() });
    const victim = await startOAuth('google');
    attackerCallback.searchParams.set('state', victim.authorizationUrl.searchParams.get('state') ?? '');
    const result = await deliver(attackerCallback, [victim.stateCookie]);
    expect(result.error).toBe('OAUTH_PROVIDER_ERROR');
    expect(result.sessionCookie).toBeNull();
  });

  it('answers an unknown provider with a 404 envelope', async () => {
    const res = await call('POST', '/api/v1/auth/oauth/myspace/start', { body: {} });
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('NOT_FOUND');
  });
});

describe('sign-in with GitHub (token endpoint, /user, /user/emails)', () => {
  it('creates an account from the verified primary email, keyed on the numeric id', async () => {
    const address = email();
    const result = await signInWith('github', { email: address, subject: '4242000', login: 'octo' });
    expect(result.location).toBe('/');
    expect((await me(result.sessionCookie))?.email).toBe(address);
    expect(await identitiesOf(address)).toEqual([{ provider: 'github', subject: '4242000' }]);
  });

  it('refuses an unverified primary email', async () => {
    const address = email();
    const result = await signInWith('github', { email: address, verified: false });
    expect(result.error).toBe('OAUTH_EMAIL_UNVERIFIED');
    expect(await userCount(address)).toBe(0);
  });
});

describe('linking and unlinking from settings', () => {
  it('links a provider to the signed-in person, who can then sign in with it', async () => {
    const person = await signUp();
    const subject = `sub-${unique('link')}`;
    const linked = await signInWith(
      'google',
      { email: email(), subject },
      { cookie: person.cookie, intent: 'link', next: '/settings/sign-in-methods' },
    );
    expect(linked.location).toBe('/settings/sign-in-methods');
    const list = await call('GET', '/api/v1/me/identities', { cookie: person.cookie });
    expect(list.json).toMatchObject({ has_password: true, items: [{ provider: 'google', provider_name: 'Google' }] });
    const again = await signInWith('google', { email: email(), subject });
    expect((await me(again.sessionCookie))?.id).toBe(person.user.id);
    const audit = await auditOf(person.user.id);
    expect(audit.find((a) => a.action === 'oauth.linked')?.metadata).toMatchObject({ provider: 'google' });
  });

  it('refuses to start a link when not signed in', async () => {
    const res = await call('POST', '/api/v1/auth/oauth/google/start', { body: { intent: 'link' } });
    expect(res.status).toBe(401);
  });

  it('refuses to link an identity that belongs to another account', async () => {
    const subject = `sub-${unique('taken')}`;
    await signInWith('google', { email: email(), subject });
    const person = await signUp();
    const result = await signInWith('google', { email: email(), subject }, { cookie: person.cookie, intent: 'link' });
    expect(result.location).toBe('/settings/sign-in-methods?error=IDENTITY_TAKEN');
    expect((await call('GET', '/api/v1/me/identities', { cookie: person.cookie })).json.items).toEqual([]);
  });

  it('refuses to finish a link in a browser now signed in as someone else', async () => {
    const first = await signUp();
    const second = await signUp();
    const started = await startOAuth('google', { intent: 'link' }, first.cookie);
    const callback = await consent(started.authorizationUrl, { email: email() });
    const result = await deliver(callback, [started.stateCookie, second.cookie]);
    expect(result.error).toBe('OAUTH_STATE_INVALID');
    expect((await call('GET', '/api/v1/me/identities', { cookie: second.cookie })).json.items).toEqual([]);
  });

  it('unlinks, but never the last way to sign in', async () => {
    const address = email();
    const signedIn = await signInWith('google', { email: address });
    const cookie = signedIn.sessionCookie ?? '';
    await signInWith('github', { email: email() }, { cookie, intent: 'link' });
    const listed = (await call('GET', '/api/v1/me/identities', { cookie })).json;
    expect(listed.has_password).toBe(false);
    expect(listed.items.map((i: { provider: string }) => i.provider).sort()).toEqual(['github', 'google']);
    const [google, github] = ['google', 'github'].map((p) => listed.items.find((i: { provider: string }) => i.provider === p).id as string);
    expect((await call('DELETE', `/api/v1/me/identities/${github}`, { cookie })).status).toBe(204);
    const last = await call('DELETE', `/api/v1/me/identities/${google}`, { cookie });
    expect(last.status).toBe(409);
    expect(last.json.error.code).toBe('LAST_SIGN_IN_METHOD');
    expect(await identitiesOf(address)).toEqual([expect.objectContaining({ provider: 'google' })]);
    const audit = await auditOf(signedIn.sessionCookie ? ((await me(cookie))?.id ?? '') : '');
    expect(audit.filter((a) => a.action === 'oauth.unlinked').map((a) => a.metadata?.provider)).toEqual(['github']);
  });

  it('lets a person whose passkey signs them in unlink their only provider, and then keeps that passkey', async () => {
    const address = email();
    const cookie = (await signInWith('google', { email: address })).sessionCookie ?? '';
    const id = (await call('GET', '/api/v1/me/identities', { cookie })).json.items[0].id as string;
    expect((await call('DELETE', `/api/v1/me/identities/${id}`, { cookie })).json.error.code).toBe('LAST_SIGN_IN_METHOD');
    // The row a registration ceremony leaves (the ceremony itself is covered by the passkey tests).
    const userId = parsePublicId('user', (await me(cookie))?.id ?? '') ?? '';
    const sql = ownerSql();
    await sql.transaction([
      sql.query(setContextText('user_id'), [userId]),
      sql`insert into passkey (id, user_id, credential_id, public_key, name, device_type)
          values (gen_random_uuid(), ${userId}, ${unique('credential')}, 'pQECAyYgASFYIA', 'Laptop', 'singleDevice')`,
    ]);
    expect((await call('DELETE', `/api/v1/me/identities/${id}`, { cookie })).status).toBe(204);
    expect(await identitiesOf(address)).toEqual([]);
    // Now the passkey is the last way in, and it stays.
    const [passkey] = (await call('GET', '/api/v1/me/passkeys', { cookie })).json.items as Array<{ id: string }>;
    const removal = await call('DELETE', `/api/v1/me/passkeys/${passkey?.id}`, { cookie });
    expect(removal.status).toBe(409);
    expect(removal.json.error.code).toBe('LAST_SIGN_IN_METHOD');
    expect((await call('GET', '/api/v1/me/passkeys', { cookie })).json.items).toHaveLength(1);
  });

  it('lets a person with a password unlink their only provider; another person’s identity is a 404', async () => {
    const person = await signUp();
    await signInWith('google', { email: email() }, { cookie: person.cookie, intent: 'link' });
    const id = (await call('GET', '/api/v1/me/identities', { cookie: person.cookie })).json.items[0].id as string;
    const stranger = await signUp();
    const theirs = await call('DELETE', `/api/v1/me/identities/${id}`, { cookie: stranger.cookie });
    expect(theirs.status).toBe(404);
    expect((await call('DELETE', `/api/v1/me/identities/${id}`, { cookie: person.cookie })).status).toBe(204);
    expect((await call('GET', '/api/v1/me/identities', { cookie: person.cookie })).json.items).toEqual([]);
  });

  it('lists the configured providers', async () => {
    const res = await call('GET', '/api/v1/auth/oauth/providers');
    expect(res.json.items).toEqual([
      { id: 'google', name: 'Google' },
      { id: 'github', name: 'GitHub' },
    ]);
  });
});
