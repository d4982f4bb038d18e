import { describe, expect, it } from 'vitest';
import { call, origin, sessionCookieFrom, signUp } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { signUpWithTotp } from './mfa.test-helpers.ts';
import { type Ceremony, SoftAuthenticator } from './passkeys.test-helpers.ts';
import { parsePublicId } from '../../kernel/ids.ts';

const ours: Ceremony = { origin, rpId: new URL(origin).hostname };

async function register(cookie: string, name: string, authenticator?: SoftAuthenticator, ceremony = ours) {
  const device = authenticator ?? (await SoftAuthenticator.create());
  const options = await call('POST', '/api/v1/me/passkeys/options', { cookie });
  expect(options.status).toBe(200);
  const response = await device.register(options.json, ceremony);
  const res = await call('POST', '/api/v1/me/passkeys', { cookie, body: { name, response } });
  return { res, device, response, options: options.json };
}

async function signInWith(device: SoftAuthenticator, ceremony = ours) {
  const options = await call('POST', '/api/v1/auth/passkey/options');
  expect(options.status).toBe(200);
  const binding = /__Host-passkey=([^;]+)/.exec(options.headers.get('set-cookie') ?? '')?.[1];
  expect(binding).toBeTruthy();
  const cookie = `__Host-passkey=${binding}`;
  const response = await device.authenticate(options.json, ceremony);
  const res = await call('POST', '/api/v1/auth/passkey/verify', { cookie, body: { response } });
  return { res, cookie, response, options: options.json };
}

const audit = async (userId: string) =>
  (
    (await inspectSql()`
    select action from audit_log where actor_id = ${userId} and action like 'passkey.%' order by created_at, id`) as Array<{
      action: string;
    }>
  ).map((r) => r.action);

describe('registering and managing passkeys', () => {
  it('registers several, lists, renames and removes them, with audit entries', async () => {
    const person = await signUp();
    const userId = parsePublicId('user', person.user.id) as string;
    const first = await register(person.cookie, 'Laptop');
    expect(first.res.status).toBe(201);
    expect(first.res.json).toMatchObject({ name: 'Laptop', last_used_at: null });
    expect(first.res.json.id).toMatch(/^pky_[0-9a-z]{25}$/);
    expect(first.options).toMatchObject({ rp: { id: 'localhost' }, authenticatorSelection: { userVerification: 'required' } });
    const second = await register(person.cookie, 'Phone');
    expect(second.res.status).toBe(201);

    const list = await call('GET', '/api/v1/me/passkeys', { cookie: person.cookie });
    expect(list.json.items.map((p: { name: string }) => p.name)).toEqual(['Laptop', 'Phone']);

    const renamed = await call('PATCH', `/api/v1/me/passkeys/${first.res.json.id}`, {
      cookie: person.cookie,
      body: { name: 'Work laptop' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.json.name).toBe('Work laptop');

    // A third registration excludes the two known credentials.
    const options = await call('POST', '/api/v1/me/passkeys/options', { cookie: person.cookie });
    expect(options.json.excludeCredentials.map((c: { id: string }) => c.id).sort()).toEqual([first.device.id, second.device.id].sort());

    expect((await call('DELETE', `/api/v1/me/passkeys/${second.res.json.id}`, { cookie: person.cookie })).status).toBe(204);
    const after = await call('GET', '/api/v1/me/passkeys', { cookie: person.cookie });
    expect(after.json.items.map((p: { name: string }) => p.name)).toEqual(['Work laptop']);
    expect((await call('DELETE', `/api/v1/me/passkeys/${second.res.json.id}`, { cookie: person.cookie })).status).toBe(404);

    // Another person's passkey is a missing one.
    const stranger = await signUp('Stranger');
    expect((await call('PATCH', `/api/v1/me/passkeys/${first.res.json.id}`, { cookie: stranger.cookie, body: { name: 'x' } })).status).toBe(
      404,
    );
    expect((await call('DELETE', `/api/v1/me/passkeys/${first.res.json.id}`, { cookie: stranger.cookie })).status).toBe(404);
    expect((await call('GET', '/api/v1/me/passkeys', { cookie: stranger.cookie })).json.items).toEqual([]);

    expect(await audit(userId)).toEqual(['passkey.added', 'passkey.added', 'passkey.renamed', 'passkey.removed']);
  });

  it('takes each registration challenge once, for the session that asked for it', async () => {
    const person = await signUp();
    const { res, response } = await register(person.cookie, 'Laptop');
    expect(res.status).toBe(201);
    const replay = await call('POST', '/api/v1/me/passkeys', { cookie: person.cookie, body: { name: 'Again', response } });
    expect(replay.status).toBe(422);
    expect(replay.json.error.code).toBe('PASSKEY_REJECTED');

    // Options asked for by one session, answered from another of the same person: refused.
    const login = await call('POST', '/api/v1/auth/login', { body: { email: person.email, password: person.password } });
    const otherSession = sessionCookieFrom(login.headers);
    const options = await call('POST', '/api/v1/me/passkeys/options', { cookie: person.cookie });
    const device = await SoftAuthenticator.create();
    const answer = await device.register(options.json, ours);
    const crossed = await call('POST', '/api/v1/me/passkeys', { cookie: otherSession, body: { name: 'Crossed', response: answer } });
    expect(crossed.json.error.code).toBe('PASSKEY_REJECTED');
    // The challenge is still the asking session's to use.
    expect((await call('POST', '/api/v1/me/passkeys', { cookie: person.cookie, body: { name: 'Right', response: answer } })).status).toBe(
      201,
    );
  });

  it('checks the origin, the RP ID and user verification', async () => {
    const person = await signUp();
    for (const ceremony of [
      { origin: 'https://evil.example', rpId: ours.rpId },
      { origin: ours.origin, rpId: 'evil.example' },
      { ...ours, userVerified: false },
    ]) {
      const { res } = await register(person.cookie, 'Bad', undefined, ceremony);
      expect(res.status, JSON.stringify(ceremony)).toBe(422);
      expect(res.json.error.code).toBe('PASSKEY_REJECTED');
    }
    expect((await call('GET', '/api/v1/me/passkeys', { cookie: person.cookie })).json.items).toEqual([]);
  });
});

describe('signing in with a passkey', () => {
  it('opens a session without a second factor, even with TOTP enrolled, and records its use', async () => {
    const person = await signUpWithTotp();
    const { device } = await register(person.cookie, 'Laptop');
    const { res } = await signInWith(device);
    expect(res.status).toBe(200);
    expect(res.json.user.email).toBe(person.email);
    const session = sessionCookieFrom(res.headers);
    expect((await call('GET', '/api/v1/me', { cookie: session })).status).toBe(200);
    const listed = await call('GET', '/api/v1/me/passkeys', { cookie: session });
    expect(listed.json.items[0].last_used_at).not.toBeNull();
    const login = (await inspectSql()`
      select metadata from audit_log where target_id = ${person.userId} and action = 'user.logged_in' order by created_at desc limit 1`) as Array<{
      metadata: Record<string, unknown>;
    }>;
    expect(login[0]?.metadata).toMatchObject({ method: 'passkey' });
    expect(await audit(person.userId)).toEqual(['passkey.added', 'passkey.used']);
  });

  it('takes each sign-in challenge once, for the browser that asked for it', async () => {
    const person = await signUp();
    const { device } = await register(person.cookie, 'Laptop');
    const { res, cookie, response } = await signInWith(device);
    expect(res.status).toBe(200);
    const replay = await call('POST', '/api/v1/auth/passkey/verify', { cookie, body: { response } });
    expect(replay.status).toBe(401);
    expect(replay.json.error.code).toBe('INVALID_CREDENTIALS');

    // A challenge from one browser, answered with another browser's cookie: refused, and both are spent.
    const mine = await call('POST', '/api/v1/auth/passkey/options');
    const theirs = await call('POST', '/api/v1/auth/passkey/options');
    const theirCookie = `__Host-passkey=${/__Host-passkey=([^;]+)/.exec(theirs.headers.get('set-cookie') ?? '')?.[1]}`;
    const answer = await device.authenticate(mine.json, ours);
    expect((await call('POST', '/api/v1/auth/passkey/verify', { cookie: theirCookie, body: { response: answer } })).status).toBe(401);
    expect((await call('POST', '/api/v1/auth/passkey/verify', { body: { response: answer } })).status).toBe(401);
  });

  it('refuses a wrong origin, a wrong RP ID, no user verification and a removed passkey', async () => {
    const person = await signUp();
    const { device, res: added } = await register(person.cookie, 'Laptop');
    for (const ceremony of [
      { origin: 'https://evil.example', rpId: ours.rpId },
      { origin: ours.origin, rpId: 'evil.example' },
      { ...ours, userVerified: false },
    ]) {
      const { res } = await signInWith(device, ceremony);
      expect(res.status, JSON.stringify(ceremony)).toBe(401);
      expect(res.headers.get('set-cookie') ?? '').not.toContain('__Host-session=');
    }
    expect((await signInWith(device)).res.status).toBe(200);
    expect((await call('DELETE', `/api/v1/me/passkeys/${added.json.id}`, { cookie: person.cookie })).status).toBe(204);
    expect((await signInWith(device)).res.status).toBe(401);
    const unknown = await signInWith(await SoftAuthenticator.create());
    expect(unknown.res.status).toBe(401);
  });
});
