import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { describe, expect, it } from 'vitest';
import { parsePublicId } from '../../kernel/ids.ts';
import { call, createWorkspace, origin, signUp } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { awayFromStepEdge, codeAt, signUpWithTotp } from '../mfa/mfa.test-helpers.ts';
import { SoftAuthenticator } from '../mfa/passkeys.test-helpers.ts';

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
      const res = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie: member.cookie, body: { name: 'k', role: 'member', ...extra } });
      expect(res.status, JSON.stringify(extra)).toBe(400);
    }
    // The role field is the key's own role; no key is ever an owner.
    const above = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie: member.cookie, body: { name: 'k', role: 'owner' } });
    expect(above.status).toBe(400);
    const keys = await inspectSql()`select workspace_id from api_key where workspace_id in (${parsePublicId('workspace', ws.id)}, ${parsePublicId('workspace', victimWs.id)})`;
    expect(keys).toHaveLength(0);

    const made = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie: member.cookie, body: { name: 'k', role: 'admin' } });
    expect(made.status).toBe(201);
    const row = (await inspectSql()`select workspace_id, created_by from api_key where id = ${parsePublicId('apiKey', made.json.id)}`) as Array<{
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
      ((await inspectSql()`select code_hash from backup_code where user_id = ${userId} order by code_hash`) as Array<{ code_hash: string }>).map((r) => r.code_hash);
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
    expect(await inspectSql()`select 1 from passkey where user_id in (${uuidOf(victim.user.id)}, ${uuidOf(person.user.id)})`).toHaveLength(0);
  });

  it('personal access tokens: user, sub, workspace or role in the body are refused and mint nothing', async () => {
    const account = await signUp('Minting');
    const victim = await signUp('Victim');
    for (const extra of foreignPrincipal(victim.user.id)) {
      const res = await call('POST', '/api/v1/me/tokens', { cookie: account.cookie, body: { name: 'x', scopes: ['read'], expires_in_days: 1, ...extra } });
      expect(res.status, JSON.stringify(extra)).toBe(400);
      expect(res.json.token).toBeUndefined();
    }
    const rows = await inspectSql()`select user_id from personal_access_token where user_id in (${uuidOf(account.user.id)}, ${uuidOf(victim.user.id)})`;
    expect(rows).toHaveLength(0);
  });
});
