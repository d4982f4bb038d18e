import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Database } from '../../db/client.ts';
import { loadConfig } from '../../kernel/config.ts';
import { parsePublicId } from '../../kernel/ids.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { inspectSql, ownerSql } from '../../test/db.ts';
import { auditActions, bearer, refresh, tokensFor } from '../tokens/token-test-helpers.ts';
import { completeSignIn } from '../auth/sign-in.ts';
import { disableUser, enableUser } from './user-status.service.ts';

const operator = { type: 'system', reason: 'test-operator' } as const;
const context = { ip: '203.0.113.9', userAgent: 'test', requestId: 'req_test' };

/** A person holding one credential of every kind, and a workspace with an API key they created. */
async function personWithEveryCredential() {
  const account = await signUp();
  const ws = await createWorkspace(account.cookie);
  const tokens = await tokensFor(account);
  const pat = await call('POST', '/api/v1/me/tokens', {
    cookie: account.cookie,
    body: { name: 'cli', scopes: ['read'], expires_in_days: 30 },
  });
  const key = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie: account.cookie, body: { name: 'bot', role: 'member' } });
  const userId = parsePublicId('user', account.user.id) as string;
  const uses = {
    session: () => call('GET', `/api/v1/w/${ws.slug}/teams`, { cookie: account.cookie }),
    accessToken: () => call('GET', `/api/v1/w/${ws.slug}/teams`, bearer(tokens.access_token)),
    pat: () => call('GET', `/api/v1/w/${ws.slug}/teams`, bearer(pat.json.token)),
    apiKey: () => call('GET', `/api/v1/w/${ws.slug}/teams`, { apiKey: key.json.key }),
  };
  return { account, ws, tokens, userId, uses };
}

async function statuses(uses: Record<string, () => Promise<{ status: number; json: Record<string, any> }>>) {
  const out: Record<string, string> = {};
  for (const [name, use] of Object.entries(uses)) {
    const res = await use();
    out[name] = res.status === 200 ? '200' : `${res.status} ${res.json?.error?.code}`;
  }
  return out;
}

describe('disabled and deleted people', () => {
  it('disabling in the database stops every credential at once, with a clear code', async () => {
    const p = await personWithEveryCredential();
    expect(await statuses(p.uses)).toEqual({ session: '200', accessToken: '200', pat: '200', apiKey: '200' });
    await ownerSql()`update "user" set disabled_at = now() where id = ${p.userId}`;
    expect(await statuses(p.uses)).toEqual({
      session: '403 ACCOUNT_DISABLED',
      accessToken: '403 ACCOUNT_DISABLED',
      pat: '403 ACCOUNT_DISABLED',
      apiKey: '403 ACCOUNT_DISABLED',
    });
    const login = await call('POST', '/api/v1/auth/login', { body: { email: p.account.email, password: p.account.password } });
    expect(login.json.error.code).toBe('ACCOUNT_DISABLED');
    const grant = await call('POST', '/api/v1/auth/token', {
      body: { grant_type: 'password', email: p.account.email, password: p.account.password },
    });
    expect(grant.json.error.code).toBe('ACCOUNT_DISABLED');
    expect((await refresh(p.tokens.refresh_token)).json.error.code).toBe('ACCOUNT_DISABLED');
    // A wrong password still gets the same answer as anyone's: being disabled is told only to the password's holder.
    const wrong = await call('POST', '/api/v1/auth/login', { body: { email: p.account.email, password: 'wrong password entirely' } });
    expect(wrong.json.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('disableUser revokes sign-ins, is audited, and enabling brings back only tokens and keys', async () => {
    const p = await personWithEveryCredential();
    const db = new Database(loadConfig(env));
    const revoked = await disableUser(db, p.userId, operator, context, 'abuse report');
    expect(revoked).toEqual({ sessions: 1, tokenFamilies: 1 });
    expect((await p.uses.pat()).json.error.code).toBe('ACCOUNT_DISABLED');
    await expect(disableUser(db, p.userId, operator, context)).rejects.toMatchObject({ code: 'CONFLICT' });

    await enableUser(db, p.userId, operator, context);
    await db.close();
    expect(await statuses(p.uses)).toEqual({
      session: '401 UNAUTHENTICATED',
      accessToken: '401 UNAUTHENTICATED',
      pat: '200',
      apiKey: '200',
    });
    expect((await refresh(p.tokens.refresh_token)).json.error.code).toBe('INVALID_GRANT');
    const login = await call('POST', '/api/v1/auth/login', { body: { email: p.account.email, password: p.account.password } });
    expect(login.status).toBe(200);

    const entries = (await auditActions(p.userId)).filter((a) => a.action.startsWith('user.'));
    const disabled = entries.find((a) => a.action === 'user.disabled');
    expect(disabled?.metadata).toMatchObject({
      by: 'system:test-operator',
      reason: 'abuse report',
      revoked_sessions: 1,
      revoked_token_families: 1,
    });
    expect(entries.map((a) => a.action)).toContain('user.enabled');
  });

  it('a deleted person’s sessions, tokens and API keys stop working at once', async () => {
    const p = await personWithEveryCredential();
    await ownerSql()`update "user" set deleted_at = now() where id = ${p.userId}`;
    expect(await statuses(p.uses)).toEqual({
      session: '401 UNAUTHENTICATED',
      accessToken: '401 UNAUTHENTICATED',
      pat: '401 UNAUTHENTICATED',
      apiKey: '401 UNAUTHENTICATED',
    });
    expect((await refresh(p.tokens.refresh_token)).json.error.code).toBe('INVALID_GRANT');
  });

  it('a disabled creator’s API keys stop; another member’s keys keep working', async () => {
    const p = await personWithEveryCredential();
    const other = await signUp('Colleague');
    await inspectSql()`insert into membership (id, workspace_id, user_id, role) values (gen_random_uuid(), ${parsePublicId('workspace', p.ws.id)}, ${parsePublicId('user', other.user.id)}, 'admin')`;
    const theirKey = await call('POST', `/api/v1/w/${p.ws.slug}/api-keys`, {
      cookie: other.cookie,
      body: { name: 'theirs', role: 'member' },
    });
    expect(theirKey.status).toBe(201);
    await ownerSql()`update "user" set disabled_at = now() where id = ${p.userId}`;
    expect((await p.uses.apiKey()).json.error.code).toBe('ACCOUNT_DISABLED');
    expect((await call('GET', `/api/v1/w/${p.ws.slug}/teams`, { apiKey: theirKey.json.key })).status).toBe(200);
  });
});

describe('completeSignIn and disabled people', () => {
  it('opens no session for a disabled person, whatever the sign-in method', async () => {
    const account = await signUp();
    const userId = parsePublicId('user', account.user.id) as string;
    await ownerSql()`update "user" set disabled_at = now() where id = ${userId}`;
    const before = await inspectSql()`select id from session where user_id = ${userId}`;
    const db = new Database(loadConfig(env));
    const user = { id: userId, email: account.email, name: 'Ada', createdAt: new Date() };
    await expect(completeSignIn(db, { user, method: 'magic_link', previousSessionHash: null }, context)).rejects.toMatchObject({
      code: 'ACCOUNT_DISABLED',
    });
    expect(await inspectSql()`select id from session where user_id = ${userId}`).toHaveLength(before.length);
    await ownerSql()`update "user" set disabled_at = null where id = ${userId}`;
    const outcome = await completeSignIn(db, { user, method: 'magic_link', previousSessionHash: null }, context);
    await db.close();
    expect(outcome.kind).toBe('session');
    expect(await inspectSql()`select id from session where user_id = ${userId}`).toHaveLength(before.length + 1);
  });
});
