import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { describe, expect, it } from 'vitest';
import { parsePublicId } from '../../kernel/ids.ts';
import { call, createWorkspace, origin, signUp } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { awayFromStepEdge, codeAt, signUpWithTotp } from '../mfa/mfa.test-helpers.ts';
import { SoftAuthenticator } from '../mfa/passkeys.test-helpers.ts';
import { consent, deliver, signInWith, startOAuth } from '../oauth/testing.ts';
import { tokensFor } from './token-test-helpers.ts';
import { apiKeyIds } from '../api-keys/api-keys.ids.ts';

/** Fields that would name someone else, a workspace or a role, were the body trusted for the principal. */
const foreignPrincipal = (victimId: string) => [
  { user_id: victimId },
  { sub: victimId },
  { workspace_id: 'ws_x' },
  { role: 'owner' },
  { user_id: victimId, workspace_id: 'ws_x', role: 'owner', sub: victimId },
];

const uuidOf = (publicId: string) => parsePublicId('user', publicId) as string;

/** A refusal, or an answer that acted for the caller alone (checked by the caller's own assertions). */
const refusedOrOwn = (status: number) => expect([200, 201, 400]).toContain(status);

/**
 * Every endpoint that mints a credential takes its principal (who, which workspace, which role it
 * may grant) from the authenticated request only. Naming another person, workspace or role in the
 * body is refused and mints nothing; the grants and personal access tokens have the same test in
 * their own files (tokens.test.ts, personal-access-tokens.test.ts).
 */
describe('credential minting takes the principal from the request, never the body', () => {
  it('API keys: another workspace, creator or role ceiling in the body changes nothing', async () => {
    const member = await signUp('Member');
    const owner = await signUp('Owner');
    const ws = await createWorkspace(owner.cookie);
    const victimWs = await createWorkspace(owner.cookie);
    await inspectSql()`insert into membership (id, workspace_id, user_id, role) values (gen_random_uuid(), ${parsePublicId('workspace', ws.id)}, ${parsePublicId('user', member.user.id)}, 'admin')`;
    for (const extra of [
      { workspace_id: victimWs.id },
      { workspace: victimWs.slug },
      { created_by: owner.user.id },
      { user_id: owner.user.id },
      { actor_role: 'owner' },
    ]) {
      const res = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, {
        cookie: member.cookie,
        body: { name: 'k', role: 'member', ...extra },
      });
      expect(res.status, JSON.stringify(extra)).toBe(400);
    }
    // The role field is the key's own role; no key is ever an owner.
    const above = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie: member.cookie, body: { name: 'k', role: 'owner' } });
    expect(above.status).toBe(400);
    const keys =
      await inspectSql()`select workspace_id from api_key where workspace_id in (${parsePublicId('workspace', ws.id)}, ${parsePublicId('workspace', victimWs.id)})`;
    expect(keys).toHaveLength(0);

    const made = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie: member.cookie, body: { name: 'k', role: 'admin' } });
    expect(made.status).toBe(201);
    const row = (await inspectSql()`select workspace_id, created_by from api_key where id = ${apiKeyIds.parse(made.json.id)}`) as Array<{
      workspace_id: string;
      created_by: string;
    }>;
    expect(row[0]).toEqual({ workspace_id: parsePublicId('workspace', ws.id), created_by: parsePublicId('user', member.user.id) });
  });

  it('sessions: a user id in the log-in body is refused and opens no session', async () => {
    const account = await signUp();
    const victim = await signUp('Victim');
    const victimId = parsePublicId('user', victim.user.id) as string;
    const before = await inspectSql()`select id from session where user_id = ${victimId}`;
    for (const extra of [{ user_id: victim.user.id }, { workspace_id: 'ws_x' }, { role: 'owner' }]) {
      const res = await call('POST', '/api/v1/auth/login', { body: { email: account.email, password: account.password, ...extra } });
      expect(res.status).toBe(400);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    expect(await inspectSql()`select id from session where user_id = ${victimId}`).toHaveLength(before.length);
  });

  it('TOTP enrolment: a foreign principal in the body is refused or ignored; nothing is set up for anyone else', async () => {
    const person = await signUp('Enrolling');
    const victim = await signUp('Victim');
    for (const extra of foreignPrincipal(victim.user.id)) {
      const started = await call('POST', '/api/v1/me/mfa/totp', { cookie: person.cookie, body: extra });
      refusedOrOwn(started.status);
    }
    expect(await inspectSql()`select 1 from totp_credential where user_id = ${uuidOf(victim.user.id)}`).toHaveLength(0);

    const started = await call('POST', '/api/v1/me/mfa/totp', { cookie: person.cookie });
    expect(started.status).toBe(200);
    const key = decodeBase32IgnorePadding(started.json.secret as string);
    await awayFromStepEdge();
    for (const extra of foreignPrincipal(victim.user.id)) {
      const confirmed = await call('POST', '/api/v1/me/mfa/totp/confirm', { cookie: person.cookie, body: { code: codeAt(key), ...extra } });
      expect(confirmed.status, JSON.stringify(extra)).toBe(400);
    }
    expect(await inspectSql()`select 1 from totp_credential where user_id = ${uuidOf(victim.user.id)}`).toHaveLength(0);
    expect(await inspectSql()`select 1 from backup_code where user_id = ${uuidOf(victim.user.id)}`).toHaveLength(0);
    const own = await inspectSql()`select confirmed_at from totp_credential where user_id = ${uuidOf(person.user.id)}`;
    expect(own).toEqual([{ confirmed_at: null }]);
    expect((await call('GET', '/api/v1/me', { cookie: victim.cookie })).status).toBe(200);
  });

  it('backup-code regeneration: a foreign principal in the body replaces nobody else’s codes', async () => {
    const person = await signUpWithTotp('Regenerating');
    const victim = await signUpWithTotp('Victim');
    const codesOf = async (userId: string) =>
      (
        (await inspectSql()`select code_hash from backup_code where user_id = ${userId} order by code_hash`) as Array<{ code_hash: string }>
      ).map((r) => r.code_hash);
    const victimBefore = await codesOf(victim.userId);
    expect(victimBefore.length).toBeGreaterThan(0);
    for (const extra of foreignPrincipal(victim.user.id)) {
      const res = await call('POST', '/api/v1/me/mfa/backup-codes', { cookie: person.cookie, body: extra });
      refusedOrOwn(res.status);
    }
    expect(await codesOf(victim.userId)).toEqual(victimBefore);
    // The victim's sessions survive: regeneration ends only the caller's other sessions.
    expect((await call('GET', '/api/v1/me', { cookie: victim.cookie })).status).toBe(200);
  });

  it('passkey registration: options and verification act for the signed-in person only', async () => {
    const person = await signUp('Registering');
    const victim = await signUp('Victim');
    for (const extra of foreignPrincipal(victim.user.id)) {
      const options = await call('POST', '/api/v1/me/passkeys/options', { cookie: person.cookie, body: extra });
      refusedOrOwn(options.status);
    }
    expect(await inspectSql()`select 1 from webauthn_challenge where user_id = ${uuidOf(victim.user.id)}`).toHaveLength(0);

    for (const extra of foreignPrincipal(victim.user.id)) {
      const device = await SoftAuthenticator.create();
      const options = await call('POST', '/api/v1/me/passkeys/options', { cookie: person.cookie });
      expect(options.status).toBe(200);
      const response = await device.register(options.json, { origin, rpId: new URL(origin).hostname });
      const res = await call('POST', '/api/v1/me/passkeys', { cookie: person.cookie, body: { name: 'Key', response, ...extra } });
      expect(res.status, JSON.stringify(extra)).toBe(400);
    }
    expect(await inspectSql()`select 1 from passkey where user_id in (${uuidOf(victim.user.id)}, ${uuidOf(person.user.id)})`).toHaveLength(
      0,
    );
  });

  it('personal access tokens: user, sub, workspace or role in the body are refused and mint nothing', async () => {
    const account = await signUp('Minting');
    const victim = await signUp('Victim');
    for (const extra of foreignPrincipal(victim.user.id)) {
      const res = await call('POST', '/api/v1/me/tokens', {
        cookie: account.cookie,
        body: { name: 'x', scopes: ['read'], expires_in_days: 1, ...extra },
      });
      expect(res.status, JSON.stringify(extra)).toBe(400);
      expect(res.json.token).toBeUndefined();
    }
    const rows =
      await inspectSql()`select user_id from personal_access_token where user_id in (${uuidOf(account.user.id)}, ${uuidOf(victim.user.id)})`;
    expect(rows).toHaveLength(0);
  });
});

/** A workspace whose owner made an admin API key, and a personal access token of the owner with both scopes. */
async function ownerWithCredentials() {
  const owner = await signUp('Owner');
  const ws = await createWorkspace(owner.cookie);
  const key = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie: owner.cookie, body: { name: 'admin key', role: 'admin' } });
  expect(key.status).toBe(201);
  const pat = await call('POST', '/api/v1/me/tokens', {
    cookie: owner.cookie,
    body: { name: 'rw', scopes: ['read', 'write'], expires_in_days: 1 },
  });
  expect(pat.status).toBe(201);
  return { owner, ws, key: key.json.key as string, pat: pat.json.token as string };
}

const keysIn = async (ws: { id: string }) =>
  (await inspectSql()`select created_by from api_key where workspace_id = ${parsePublicId('workspace', ws.id)}`) as Array<{
    created_by: string | null;
  }>;

/**
 * Credentials do not mint credentials (docs/decisions/029-credential-authority.md): an API key or a
 * personal access token never creates an API key or a token, hands a key over, invites or grants
 * above its own role, or changes who can sign in (SSO, identities, factors). Only a person signed in
 * does, and every credential row records that person.
 */
describe('credentials do not mint credentials', () => {
  it('an admin API key cannot create an API key (CREDENTIAL_CANNOT_MINT), and nothing is made', async () => {
    const { owner, ws, key } = await ownerWithCredentials();
    const res = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { apiKey: key, body: { name: 'child', role: 'admin' } });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('CREDENTIAL_CANNOT_MINT');
    expect(res.json.key).toBeUndefined();
    expect(await keysIn(ws)).toEqual([{ created_by: uuidOf(owner.user.id) }]);
  });

  it('a personal access token with both scopes cannot create an API key either', async () => {
    const { owner, ws, pat } = await ownerWithCredentials();
    const res = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { apiKey: pat, body: { name: 'child', role: 'member' } });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('CREDENTIAL_CANNOT_MINT');
    expect(await keysIn(ws)).toEqual([{ created_by: uuidOf(owner.user.id) }]);
  });

  it('neither changes the workspace’s SSO connection or domains', async () => {
    const { ws, key, pat } = await ownerWithCredentials();
    const body = { issuer: 'https://idp.example.com', client_id: 'c', client_secret: 's', default_role: 'admin' };
    for (const credential of [key, pat]) {
      const saved = await call('PUT', `/api/v1/w/${ws.slug}/sso-connection`, { apiKey: credential, body });
      expect(saved.status).toBe(403);
      expect(saved.json.error.code).toBe('CREDENTIAL_CANNOT_MINT');
      const domain = await call('POST', `/api/v1/w/${ws.slug}/sso-connection/domains`, {
        apiKey: credential,
        body: { domain: 'example.com' },
      });
      expect(domain.status).toBe(403);
      expect(domain.json.error.code).toBe('CREDENTIAL_CANNOT_MINT');
    }
    expect(await inspectSql()`select 1 from sso_connection where workspace_id = ${parsePublicId('workspace', ws.id)}`).toHaveLength(0);
  });

  it('an API key invites and grants at most its own role: never owner, never above a member key', async () => {
    const { owner, ws, key } = await ownerWithCredentials();
    const member = await signUp('Member');
    await inspectSql()`insert into membership (id, workspace_id, user_id, role) values (gen_random_uuid(), ${parsePublicId('workspace', ws.id)}, ${uuidOf(member.user.id)}, 'member')`;
    const members = await call('GET', `/api/v1/w/${ws.slug}/members`, { cookie: owner.cookie });
    const memberId = (members.json.items as Array<{ id: string; user: { id: string } }>).find((m) => m.user.id === member.user.id)?.id;
    const toOwner = await call('PATCH', `/api/v1/w/${ws.slug}/members/${memberId}`, { apiKey: key, body: { role: 'owner' } });
    expect(toOwner.status).toBe(403);
    const inviteOwner = await call('POST', `/api/v1/w/${ws.slug}/invites`, {
      apiKey: key,
      body: { email: 'boss@example.com', role: 'owner' },
    });
    expect(inviteOwner.status).toBe(400);
    // The key's invitation records the person behind it.
    const invited = await call('POST', `/api/v1/w/${ws.slug}/invites`, {
      apiKey: key,
      body: { email: `${crypto.randomUUID()}@example.com`, role: 'admin' },
    });
    expect(invited.status).toBe(201);
    expect(invited.json.invited_by).toBe(owner.user.id);

    const memberKey = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, {
      cookie: owner.cookie,
      body: { name: 'member key', role: 'member' },
    });
    const byMemberKey = await call('POST', `/api/v1/w/${ws.slug}/invites`, {
      apiKey: memberKey.json.key,
      body: { email: 'a@example.com', role: 'member' },
    });
    expect(byMemberKey.status).toBe(403);
    const grant = await call('PATCH', `/api/v1/w/${ws.slug}/members/${memberId}`, { apiKey: memberKey.json.key, body: { role: 'admin' } });
    expect(grant.status).toBe(403);
  });

  it('an API key reaches no personal route: no tokens, no factors, no identities, no link', async () => {
    const { key } = await ownerWithCredentials();
    for (const [method, path, body] of [
      ['POST', '/api/v1/me/tokens', { name: 'x', scopes: ['read'], expires_in_days: 1 }],
      ['POST', '/api/v1/me/mfa/totp', undefined],
      ['POST', '/api/v1/me/passkeys/options', undefined],
      ['POST', '/api/v1/me/email', { new_email: 'new@example.com', password: 'x' }],
      ['POST', '/api/v1/auth/oauth/google/start', { intent: 'link' }],
    ] as const) {
      const res = await call(method, path, { apiKey: key, ...(body ? { body } : {}) });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
  });

  it('a personal access token or an access token cannot link an identity, at the start or at the callback', async () => {
    const person = await signUp('Linking');
    const pat = await call('POST', '/api/v1/me/tokens', {
      cookie: person.cookie,
      body: { name: 'rw', scopes: ['read', 'write'], expires_in_days: 1 },
    });
    const { access_token } = await tokensFor(person);
    for (const token of [pat.json.token as string, access_token]) {
      const started = await call('POST', '/api/v1/auth/oauth/google/start', { apiKey: token, body: { intent: 'link' } });
      expect(started.status).toBe(403);
      expect(started.json.error.code).toBe('BROWSER_SESSION_REQUIRED');
    }
    // A link started in the browser cannot be finished by a token of the same person instead.
    const started = await startOAuth('google', { intent: 'link' }, person.cookie);
    const callback = await consent(started.authorizationUrl, { email: `${crypto.randomUUID()}@example.com` });
    const finished = await deliver(callback, [started.stateCookie], { authorization: `Bearer ${pat.json.token}` });
    expect(finished.error).toBe('BROWSER_SESSION_REQUIRED');
    expect(await inspectSql()`select 1 from oauth_account where user_id = ${uuidOf(person.user.id)}`).toHaveLength(0);
  });

  it('a personal access token cannot unlink an identity', async () => {
    const person = await signUp('Unlinking');
    await signInWith('google', { email: `${crypto.randomUUID()}@example.com` }, { cookie: person.cookie, intent: 'link' });
    const [identity] = (await call('GET', '/api/v1/me/identities', { cookie: person.cookie })).json.items as Array<{ id: string }>;
    const pat = await call('POST', '/api/v1/me/tokens', {
      cookie: person.cookie,
      body: { name: 'rw', scopes: ['read', 'write'], expires_in_days: 1 },
    });
    const res = await call('DELETE', `/api/v1/me/identities/${identity?.id}`, { apiKey: pat.json.token });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('BROWSER_SESSION_REQUIRED');
    expect(await inspectSql()`select 1 from oauth_account where user_id = ${uuidOf(person.user.id)}`).toHaveLength(1);
  });

  it('every credential table records its person: the column is required and references the person', async () => {
    const rows = (await inspectSql()`
      select c.table_name, c.column_name, c.is_nullable, ccu.table_name as references
        from information_schema.columns c
        join information_schema.key_column_usage k on k.table_name = c.table_name and k.column_name = c.column_name
        join information_schema.referential_constraints r on r.constraint_name = k.constraint_name
        join information_schema.constraint_column_usage ccu on ccu.constraint_name = r.unique_constraint_name
       where c.table_schema = 'public'
         and (c.table_name, c.column_name) in (('api_key', 'created_by'), ('personal_access_token', 'user_id'), ('token_family', 'user_id'), ('session', 'user_id'))
       order by c.table_name`) as Array<Record<string, string>>;
    expect(rows).toEqual([
      { table_name: 'api_key', column_name: 'created_by', is_nullable: 'NO', references: 'user' },
      { table_name: 'personal_access_token', column_name: 'user_id', is_nullable: 'NO', references: 'user' },
      { table_name: 'session', column_name: 'user_id', is_nullable: 'NO', references: 'user' },
      { table_name: 'token_family', column_name: 'user_id', is_nullable: 'NO', references: 'user' },
    ]);
  });
});
