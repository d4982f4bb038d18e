import { describe, expect, it } from 'vitest';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { awayFromStepEdge, codeAt, signUpWithTotp } from '../mfa/mfa.test-helpers.ts';
import { tokensFor } from '../tokens/token-test-helpers.ts';
import { parsePublicId } from '../../kernel/ids.ts';

const deletedAt = async (userId: string) =>
  ((await inspectSql()`select deleted_at from "user" where id = ${userId}`) as Array<{ deleted_at: string | null }>)[0]?.deleted_at;

const auditOf = async (userId: string, action: string) =>
  (await inspectSql()`select metadata from audit_log where actor_id = ${userId} and action = ${action} order by created_at`) as Array<{
    metadata: Record<string, unknown> | null;
  }>;

/**
 * Erasing an account needs the person in their browser session, proving who they are again: the
 * password and, when they have an authenticator app on, a code from it (docs/decisions/024, 029).
 * No API key, access token or personal access token can end an account, whatever else it holds.
 */
describe('who may erase an account', () => {
  it('a write personal access token plus the password is refused (BROWSER_SESSION_REQUIRED), and nothing is erased', async () => {
    const person = await signUp('Token holder');
    const userId = parsePublicId('user', person.user.id) as string;
    const pat = await call('POST', '/api/v1/me/tokens', {
      cookie: person.cookie,
      body: { name: 'rw', scopes: ['read', 'write'], expires_in_days: 1 },
    });
    expect(pat.status).toBe(201);
    const res = await call('DELETE', '/api/v1/me', { apiKey: pat.json.token, body: { password: person.password } });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('BROWSER_SESSION_REQUIRED');
    expect(await deletedAt(userId)).toBeNull();
    expect((await call('GET', '/api/v1/me', { cookie: person.cookie })).status).toBe(200);
  });

  it('an access token plus the password is refused too; an API key is refused', async () => {
    const person = await signUp('App user');
    const userId = parsePublicId('user', person.user.id) as string;
    const { access_token } = await tokensFor(person);
    const byToken = await call('DELETE', '/api/v1/me', { apiKey: access_token, body: { password: person.password } });
    expect(byToken.status).toBe(403);
    expect(byToken.json.error.code).toBe('BROWSER_SESSION_REQUIRED');
    const ws = await createWorkspace(person.cookie);
    const key = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie: person.cookie, body: { name: 'k', role: 'admin' } });
    const byKey = await call('DELETE', '/api/v1/me', { apiKey: key.json.key, body: { password: person.password } });
    expect(byKey.status).toBe(403);
    expect(await deletedAt(userId)).toBeNull();
  });

  it('with an authenticator app on, the password alone is not enough: a code is required', async () => {
    const person = await signUpWithTotp('Two factors');
    const res = await call('DELETE', '/api/v1/me', { cookie: person.cookie, body: { password: person.password } });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('SECOND_FACTOR_REQUIRED');
    expect(res.json.error.fields).toEqual({ code: ['is required'] });
    expect(await deletedAt(person.userId)).toBeNull();
    expect(await auditOf(person.userId, 'user.delete_refused')).toEqual([{ metadata: { reason: 'second_factor_missing' } }]);
  });

  it('a wrong code is refused and audited like a failed second factor; the right one erases', async () => {
    const person = await signUpWithTotp('Two factors');
    await awayFromStepEdge();
    const wrong = await call('DELETE', '/api/v1/me', {
      cookie: person.cookie,
      body: { password: person.password, code: codeAt(person.key, 5) },
    });
    expect(wrong.status).toBe(403);
    expect(wrong.json.error.code).toBe('REAUTHENTICATION_FAILED');
    expect(wrong.json.error.fields).toEqual({ code: ['is not valid'] });
    expect(await deletedAt(person.userId)).toBeNull();
    expect(await auditOf(person.userId, 'mfa.second_factor_failed')).toEqual([
      { metadata: { factor: 'totp', purpose: 'account_deletion' } },
    ]);

    const right = await call('DELETE', '/api/v1/me', {
      cookie: person.cookie,
      body: { password: person.password, code: codeAt(person.key) },
    });
    expect(right.status, right.text).toBe(200);
    expect(await deletedAt(person.userId)).not.toBeNull();
  });

  it('a backup code works once in place of the app’s code; a wrong password is refused before any code is spent', async () => {
    const person = await signUpWithTotp('Backup');
    const backup = person.backupCodes[0] as string;
    const wrongPassword = await call('DELETE', '/api/v1/me', {
      cookie: person.cookie,
      body: { password: 'not it at all', backup_code: backup },
    });
    expect(wrongPassword.json.error.code).toBe('REAUTHENTICATION_FAILED');
    const unused = await inspectSql()`select 1 from backup_code where user_id = ${person.userId} and used_at is null`;
    expect(unused).toHaveLength(person.backupCodes.length);
    const both = await call('DELETE', '/api/v1/me', {
      cookie: person.cookie,
      body: { password: person.password, backup_code: backup, code: '123456' },
    });
    expect(both.status).toBe(400);
    const res = await call('DELETE', '/api/v1/me', { cookie: person.cookie, body: { password: person.password, backup_code: backup } });
    expect(res.status, res.text).toBe(200);
    expect(await deletedAt(person.userId)).not.toBeNull();
  });
});
