import { describe, expect, it } from 'vitest';
import { parsePublicId } from '../../kernel/ids.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';

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
});
