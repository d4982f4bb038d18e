import { describe, expect, it } from 'vitest';
import { parsePublicId } from '../../kernel/ids.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { addMember, inspectSql, ownerSql } from '../../test/db.ts';
import { apiKeyIds } from './api-keys.ids.ts';

const uuid = (kind: 'workspace' | 'user' | 'apiKey', id: string) =>
  (kind === 'apiKey' ? apiKeyIds.parse(id) : parsePublicId(kind, id)) as string;

/** A workspace of `owner` with `maker` as admin, and an admin API key made by `maker`. */
async function adminWithKey() {
  const owner = await signUp('Owner');
  const maker = await signUp('Maker');
  const ws = await createWorkspace(owner.cookie, 'Keyed');
  await addMember(uuid('workspace', ws.id), uuid('user', maker.user.id), 'admin');
  const made = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie: maker.cookie, body: { name: 'maker-ci', role: 'admin' } });
  expect(made.status).toBe(201);
  return { owner, maker, ws, keyId: made.json.id as string, key: made.json.key as string };
}

async function memberPublicId(ws: { slug: string }, cookie: string, userPublicId: string) {
  const members = await call('GET', `/api/v1/w/${ws.slug}/members`, { cookie });
  return (members.json.items as Array<{ id: string; user: { id: string } }>).find((m) => m.user.id === userPublicId)?.id as string;
}

/**
 * An API key never outlives the authority of the person who made it (docs/decisions/029): it acts
 * with at most its maker's current role in its workspace and stops when the maker leaves, is
 * removed, disabled or erased. Decided by the credential check itself.
 */
describe('an API key acts for its maker, never beyond them', () => {
  it('a removed admin’s key stops at once: it can neither list members nor re-invite its maker', async () => {
    const { owner, maker, ws, key } = await adminWithKey();
    expect((await call('GET', `/api/v1/w/${ws.slug}/members`, { apiKey: key })).status).toBe(200);

    const removed = await call('DELETE', `/api/v1/w/${ws.slug}/members/${await memberPublicId(ws, owner.cookie, maker.user.id)}`, {
      cookie: owner.cookie,
    });
    expect(removed.status).toBe(204);

    const listed = await call('GET', `/api/v1/w/${ws.slug}/members`, { apiKey: key });
    expect(listed.status).toBe(401);
    expect(listed.json.error.code).toBe('UNAUTHENTICATED');
    const reinvite = await call('POST', `/api/v1/w/${ws.slug}/invites`, { apiKey: key, body: { email: maker.email, role: 'admin' } });
    expect(reinvite.status).toBe(401);
    expect(await inspectSql()`select 1 from invite where workspace_id = ${uuid('workspace', ws.id)}`).toHaveLength(0);
  });

  it('a key whose maker was demoted to viewer acts as a viewer: it reads, but invites and writes nothing until the maker is admin again', async () => {
    const { owner, maker, ws, key } = await adminWithKey();
    const demoted = await call('PATCH', `/api/v1/w/${ws.slug}/members/${await memberPublicId(ws, owner.cookie, maker.user.id)}`, {
      cookie: owner.cookie,
      body: { role: 'viewer' },
    });
    expect(demoted.status).toBe(200);

    expect((await call('GET', `/api/v1/w/${ws.slug}/teams`, { apiKey: key })).status).toBe(200);
    const invite = await call('POST', `/api/v1/w/${ws.slug}/invites`, {
      apiKey: key,
      body: { email: 'new-admin@example.com', role: 'admin' },
    });
    expect(invite.status).toBe(403);
    expect((await call('POST', `/api/v1/w/${ws.slug}/teams`, { apiKey: key, body: { name: 'no' } })).status).toBe(403);
    expect((await call('GET', `/api/v1/w/${ws.slug}/api-keys`, { apiKey: key })).status).toBe(403);
    expect(await inspectSql()`select 1 from team where workspace_id = ${uuid('workspace', ws.id)}`).toHaveLength(0);

    // Made admin again, the maker lends the admin key its full reach back: it creates teams again.
    const promoted = await call('PATCH', `/api/v1/w/${ws.slug}/members/${await memberPublicId(ws, owner.cookie, maker.user.id)}`, {
      cookie: owner.cookie,
      body: { role: 'admin' },
    });
    expect(promoted.status).toBe(200);
    expect((await call('POST', `/api/v1/w/${ws.slug}/teams`, { apiKey: key, body: { name: 'yes' } })).status).toBe(201);
  });

  it('stops when its maker leaves the workspace', async () => {
    const { maker, ws, key } = await adminWithKey();
    expect((await call('POST', `/api/v1/w/${ws.slug}/leave`, { cookie: maker.cookie })).status).toBe(204);
    expect((await call('GET', `/api/v1/w/${ws.slug}/members`, { apiKey: key })).status).toBe(401);
  });

  it('stops when its maker is disabled (ACCOUNT_DISABLED) and when they erase their account', async () => {
    const { maker, ws, key } = await adminWithKey();
    await ownerSql()`update "user" set disabled_at = now() where id = ${uuid('user', maker.user.id)}`;
    const disabled = await call('GET', `/api/v1/w/${ws.slug}/members`, { apiKey: key });
    expect(disabled.status).toBe(403);
    expect(disabled.json.error.code).toBe('ACCOUNT_DISABLED');
    await ownerSql()`update "user" set disabled_at = null where id = ${uuid('user', maker.user.id)}`;
    expect((await call('GET', `/api/v1/w/${ws.slug}/members`, { apiKey: key })).status).toBe(200);

    // A second key in a workspace the maker had left before erasing: erasure does not reach it, the check does.
    const other = await createWorkspace(maker.cookie, 'Left behind');
    const stranger = await signUp('Stays');
    await addMember(uuid('workspace', other.id), uuid('user', stranger.user.id), 'owner');
    const leftKey = await call('POST', `/api/v1/w/${other.slug}/api-keys`, {
      cookie: maker.cookie,
      body: { name: 'left', role: 'member' },
    });
    expect(leftKey.status).toBe(201);
    const erased = await call('DELETE', '/api/v1/me', { cookie: maker.cookie, body: { password: maker.password } });
    expect(erased.status).toBe(200);
    expect((await call('GET', `/api/v1/w/${ws.slug}/members`, { apiKey: key })).status).toBe(401);
    expect((await call('GET', `/api/v1/w/${other.slug}/members`, { apiKey: leftKey.json.key })).status).toBe(401);
  });

  it('lists who made each key, and whether they are still a member', async () => {
    const { owner, maker, ws, keyId } = await adminWithKey();
    const listed = await call('GET', `/api/v1/w/${ws.slug}/api-keys`, { cookie: owner.cookie });
    expect(listed.json.items.find((k: { id: string }) => k.id === keyId).made_by).toEqual({
      id: maker.user.id,
      name: 'Maker',
      is_member: true,
    });
    await call('DELETE', `/api/v1/w/${ws.slug}/members/${await memberPublicId(ws, owner.cookie, maker.user.id)}`, { cookie: owner.cookie });
    const after = await call('GET', `/api/v1/w/${ws.slug}/api-keys`, { cookie: owner.cookie });
    expect(after.json.items.find((k: { id: string }) => k.id === keyId).made_by).toEqual({
      id: maker.user.id,
      name: null,
      is_member: false,
    });
  });
});

describe('an owner takes a key over before its maker goes', () => {
  const transfer = (ws: { slug: string }, keyId: string, auth: { cookie?: string; apiKey?: string }) =>
    call('POST', `/api/v1/w/${ws.slug}/api-keys/${keyId}/transfer`, auth);

  it('moves the key to the owner, audited with from and to; the key then survives its maker’s removal', async () => {
    const { owner, maker, ws, keyId, key } = await adminWithKey();
    const moved = await transfer(ws, keyId, { cookie: owner.cookie });
    expect(moved.status).toBe(200);
    expect(moved.json.made_by).toEqual({ id: owner.user.id, name: 'Owner', is_member: true });
    const [row] = (await inspectSql()`select created_by from api_key where id = ${uuid('apiKey', keyId)}`) as Array<{ created_by: string }>;
    expect(row?.created_by).toBe(uuid('user', owner.user.id));
    const audit = await inspectSql()`
      select actor_id, metadata from audit_log where action = 'api_key.transferred' and target_id = ${uuid('apiKey', keyId)}`;
    expect(audit).toEqual([
      { actor_id: uuid('user', owner.user.id), metadata: { from: uuid('user', maker.user.id), to: uuid('user', owner.user.id) } },
    ]);

    await call('DELETE', `/api/v1/w/${ws.slug}/members/${await memberPublicId(ws, owner.cookie, maker.user.id)}`, { cookie: owner.cookie });
    // Still an admin key: the lower of its own role (admin) and its new maker's (owner).
    expect((await call('GET', `/api/v1/w/${ws.slug}/api-keys`, { apiKey: key })).status).toBe(200);
  });

  it('is for a signed-in owner only: not an admin, not the key itself, not a personal access token', async () => {
    const { owner, maker, ws, keyId, key } = await adminWithKey();
    const byAdmin = await transfer(ws, keyId, { cookie: maker.cookie });
    expect(byAdmin.status).toBe(403);
    expect(byAdmin.json.error.code).toBe('FORBIDDEN');
    const byKey = await transfer(ws, keyId, { apiKey: key });
    expect(byKey.status).toBe(403);
    expect(byKey.json.error.code).toBe('CREDENTIAL_CANNOT_MINT');
    const pat = await call('POST', '/api/v1/me/tokens', {
      cookie: owner.cookie,
      body: { name: 'owner-pat', scopes: ['read', 'write'], expires_in_days: 1 },
    });
    const byToken = await transfer(ws, keyId, { apiKey: pat.json.token });
    expect(byToken.status).toBe(403);
    expect(byToken.json.error.code).toBe('CREDENTIAL_CANNOT_MINT');
    const [row] = (await inspectSql()`select created_by from api_key where id = ${uuid('apiKey', keyId)}`) as Array<{ created_by: string }>;
    expect(row?.created_by).toBe(uuid('user', maker.user.id));
  });

  it('refuses a key whose maker has already gone (409), and another workspace’s key (404)', async () => {
    const { owner, maker, ws, keyId } = await adminWithKey();
    await call('DELETE', `/api/v1/w/${ws.slug}/members/${await memberPublicId(ws, owner.cookie, maker.user.id)}`, { cookie: owner.cookie });
    const late = await transfer(ws, keyId, { cookie: owner.cookie });
    expect(late.status).toBe(409);
    const elsewhere = await createWorkspace(owner.cookie, 'Elsewhere');
    const fresh = await adminWithKey();
    expect((await transfer(elsewhere, fresh.keyId, { cookie: owner.cookie })).status).toBe(404);
  });
});
