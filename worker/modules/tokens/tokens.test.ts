import { describe, expect, it } from 'vitest';
import { call, createWorkspace, randomIp, signUp, unique } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { requestCost } from '../../test/request-cost.ts';
import { signUpWithTotp } from '../mfa/mfa.test-helpers.ts';
import { auditActions, bearer, claimsOf, forge, passwordGrant, refresh, testKeys, tokensFor, validClaims } from './token-test-helpers.ts';
import { parsePublicId } from '../../kernel/ids.ts';

describe('POST /api/v1/auth/token', () => {
  it('issues a 15-minute access token and a refresh token in the OAuth 2.0 shape', async () => {
    const account = await signUp();
    const res = await passwordGrant(account.email, account.password);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(Object.keys(res.json).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'token_type']);
    expect(res.json.token_type).toBe('Bearer');
    expect(res.json.expires_in).toBe(900);
    expect(res.json.refresh_token).toMatch(/^rt_[A-Za-z0-9_-]{43}$/);

    const { header, payload } = claimsOf(res.json.access_token);
    expect(header).toEqual({ alg: 'ES256', typ: 'at+jwt', kid: 'test-current' });
    expect(payload.sub).toBe(parsePublicId('user', account.user.id));
    expect(payload.iss).toBe('http://localhost:8787');
    expect(payload.aud).toBe('http://localhost:8787/api');
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(900);

    const stored = await inspectSql()`select token_hash from refresh_token where family_id = ${payload.fam as string}`;
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(res.json.refresh_token.slice(3));
  });

  it('an access token acts as its person, exactly like their session', async () => {
    const account = await signUp();
    const ws = await createWorkspace(account.cookie);
    const { access_token } = await tokensFor(account);

    const me = await call('GET', '/api/v1/me', bearer(access_token));
    expect(me.status).toBe(200);
    expect(me.json.user.id).toBe(account.user.id);
    expect(me.json.memberships.map((m: { workspace: { slug: string } }) => m.workspace.slug)).toEqual([ws.slug]);

    const created = await call('POST', `/api/v1/w/${ws.slug}/teams`, { ...bearer(access_token), body: { name: 'from the CLI' } });
    expect(created.status).toBe(201);
    const stranger = await signUp('Stranger');
    const other = await createWorkspace(stranger.cookie);
    expect((await call('GET', `/api/v1/w/${other.slug}/teams`, bearer(access_token))).status).toBe(404);
  });

  it('a tenant read with an access token still costs one round trip', async () => {
    const account = await signUp();
    const ws = await createWorkspace(account.cookie);
    const { access_token } = await tokensFor(account);
    const { response: list, stats } = await requestCost(
      async () => undefined,
      () => call('GET', `/api/v1/w/${ws.slug}/teams`, bearer(access_token)),
    );
    expect(list.status).toBe(200);
    expect(stats.sqlRequests + stats.wsMessages).toBe(1);
  });

  it('refuses the password grant for an account with a second factor, issues nothing and audits it', async () => {
    const person = await signUpWithTotp('Tia');
    const res = await passwordGrant(person.email, person.password);
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('SECOND_FACTOR_REQUIRED');
    expect(res.json.access_token).toBeUndefined();
    expect(await inspectSql()`select id from token_family where user_id = ${person.userId}`).toHaveLength(0);
    expect((await auditActions(person.userId)).filter((a) => a.action.startsWith('token.')).map((a) => a.action)).toEqual([
      'token.refused',
    ]);
  });

  it('refuses a wrong password exactly like an unknown email, and audits both', async () => {
    const account = await signUp();
    const wrong = await passwordGrant(account.email, 'not the password at all');
    const unknown = await passwordGrant(`${unique('nobody')}@example.com`, 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const { request_id: _a, ...wrongBody } = wrong.json.error;
    const { request_id: _b, ...unknownBody } = unknown.json.error;
    expect(wrongBody).toEqual(unknownBody);
    expect(wrongBody.code).toBe('INVALID_CREDENTIALS');
    const actions = await auditActions(parsePublicId('user', account.user.id) as string);
    expect(actions.map((a) => a.action)).toContain('user.login_failed');
  });

  it('draws password grants from the same per-address budget as /auth/login', async () => {
    const account = await signUp();
    const ip = randomIp();
    for (let i = 0; i < 5; i++) {
      const res = await call('POST', '/api/v1/auth/login', { ip, body: { email: account.email, password: 'wrong password here' } });
      expect(res.status).toBe(401);
    }
    const refused = await passwordGrant(account.email, account.password, ip);
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe('RATE_LIMITED');
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('takes the principal from the proof alone: principal fields in the body are refused and nothing is issued', async () => {
    const account = await signUp();
    const victim = await signUp('Victim');
    const ws = await createWorkspace(victim.cookie);
    for (const extra of [{ user_id: victim.user.id }, { workspace_id: ws.id }, { role: 'owner' }, { sub: victim.user.id }]) {
      const res = await call('POST', '/api/v1/auth/token', {
        body: { grant_type: 'password', email: account.email, password: account.password, ...extra },
      });
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION_FAILED');
    }
    const families =
      await inspectSql()`select id from token_family where user_id in (${parsePublicId('user', account.user.id)}, ${parsePublicId('user', victim.user.id)})`;
    expect(families).toHaveLength(0);
    const { refresh_token } = await tokensFor(account);
    const rotated = await call('POST', '/api/v1/auth/token', {
      body: { grant_type: 'refresh_token', refresh_token, user_id: victim.user.id },
    });
    expect(rotated.status).toBe(400);
    expect((await refresh(refresh_token)).status).toBe(200);
  });

  it('rejects unknown grant types in the error envelope', async () => {
    const res = await call('POST', '/api/v1/auth/token', { body: { grant_type: 'client_credentials' } });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('VALIDATION_FAILED');
    expect(res.json.error.request_id).toMatch(/./);
  });
});

describe('refresh tokens', () => {
  it('rotate on every use and audit issue and refresh', async () => {
    const account = await signUp();
    const first = await tokensFor(account);
    const second = await refresh(first.refresh_token);
    expect(second.status).toBe(200);
    expect(second.json.refresh_token).not.toBe(first.refresh_token);
    expect(claimsOf(second.json.access_token).payload.fam).toBe(claimsOf(first.access_token).payload.fam);
    const third = await refresh(second.json.refresh_token);
    expect(third.status).toBe(200);
    expect((await call('GET', '/api/v1/me', bearer(third.json.access_token))).status).toBe(200);

    const actions = (await auditActions(parsePublicId('user', account.user.id) as string)).map((a) => a.action);
    expect(actions.filter((a) => a === 'token.issued')).toHaveLength(1);
    expect(actions.filter((a) => a === 'token.refreshed')).toHaveLength(2);
  });

  it('reuse of a rotated refresh token revokes the whole family at once and is audited', async () => {
    const account = await signUp();
    const first = await tokensFor(account);
    const second = await refresh(first.refresh_token);
    expect(second.status).toBe(200);
    const other = await tokensFor(account);

    const reused = await refresh(first.refresh_token);
    expect(reused.status).toBe(400);
    expect(reused.json.error.code).toBe('INVALID_GRANT');
    // The legitimate holder's newer tokens die with the family …
    expect((await refresh(second.json.refresh_token)).json.error.code).toBe('INVALID_GRANT');
    const me = await call('GET', '/api/v1/me', bearer(second.json.access_token));
    expect(me.status).toBe(401);
    // … while another sign-in of the same person is untouched.
    expect((await call('GET', '/api/v1/me', bearer(other.access_token))).status).toBe(200);

    const fam = claimsOf(first.access_token).payload.fam as string;
    const family = (await inspectSql()`select revoked_at, revoke_reason from token_family where id = ${fam}`) as Array<{
      revoked_at: unknown;
      revoke_reason: string;
    }>;
    expect(family[0]?.revoke_reason).toBe('refresh_token_reused');
    const audit = (await auditActions(parsePublicId('user', account.user.id) as string)).find((a) => a.action === 'token.refresh_reused');
    expect(audit?.metadata).toEqual({ family_id: fam, family_revoked: true });
  });

  it('two simultaneous uses of one refresh token count as reuse, never as two rotations', async () => {
    const account = await signUp();
    const first = await tokensFor(account);
    const [a, b] = await Promise.all([refresh(first.refresh_token), refresh(first.refresh_token)]);
    expect([a.status, b.status].sort()).toEqual([200, 400]);
    const winner = a.status === 200 ? a : b;
    expect((await refresh(winner.json.refresh_token)).json.error.code).toBe('INVALID_GRANT');
    const fam = claimsOf(first.access_token).payload.fam as string;
    const family = (await inspectSql()`select revoke_reason from token_family where id = ${fam}`) as Array<{ revoke_reason: string }>;
    expect(family[0]?.revoke_reason).toBe('refresh_token_reused');
  });

  it('refuses an unknown or malformed refresh token', async () => {
    expect((await refresh('rt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).json.error.code).toBe('INVALID_GRANT');
    expect((await refresh('not-a-refresh-token')).json.error.code).toBe('INVALID_GRANT');
  });

  it('refuses a refresh token whose family has expired', async () => {
    const account = await signUp();
    const tokens = await tokensFor(account);
    const fam = claimsOf(tokens.access_token).payload.fam as string;
    await inspectSql()`update token_family set expires_at = now() - interval '1 second' where id = ${fam}`;
    expect((await refresh(tokens.refresh_token)).json.error.code).toBe('INVALID_GRANT');
    expect((await call('GET', '/api/v1/me', bearer(tokens.access_token))).status).toBe(401);
  });
});

describe('signing keys', () => {
  it('publishes the public keys, never a private part', async () => {
    const res = await call('GET', '/.well-known/jwks.json');
    expect(res.status).toBe(200);
    expect(res.json.keys.map((k: { kid: string }) => k.kid)).toEqual(['test-current', 'test-previous']);
    for (const key of res.json.keys) {
      expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    }
  });

  it('a token signed with a retired key still verifies while its key is listed', async () => {
    const account = await signUp();
    const { access_token } = await tokensFor(account);
    const { payload } = claimsOf(access_token);
    const previous = testKeys()[1] as JsonWebKey & { kid: string };
    const old = await forge({ kid: previous.kid, typ: 'at+jwt' }, validClaims(payload.sub as string, payload.fam as string), previous);
    expect((await call('GET', '/api/v1/me', bearer(old))).status).toBe(200);
  });
});
