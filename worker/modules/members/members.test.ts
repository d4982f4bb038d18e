import { sql } from 'drizzle-orm';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Database } from '../../db/client.ts';
import { type Principal, tenantRead } from '../../db/tenant.ts';
import { loadConfig } from '../../kernel/config.ts';
import { sha256Hex } from '../../kernel/crypto.ts';
import { parsePublicId } from '../../kernel/ids.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { addMember, inspectSql } from '../../test/db.ts';
import { memberIdOf, workspaceWithRoles } from './members.test-helpers.ts';
import { membershipIds } from './members.ids.ts';
import { expectPagedList } from '../../test/pages.ts';

type Member = { id: string; user: { id: string; email: string; name: string }; role: string; is_you: boolean };

const members = async (cookie: string, slug: string) => {
  const res = await call('GET', `/api/v1/w/${slug}/members`, { cookie });
  expect(res.status).toBe(200);
  return res.json.items as Member[];
};
const setRole = (cookie: string, slug: string, id: string, role: string) =>
  call('PATCH', `/api/v1/w/${slug}/members/${id}`, { cookie, body: { role } });
const remove = (cookie: string, slug: string, id: string) => call('DELETE', `/api/v1/w/${slug}/members/${id}`, { cookie });
const roleOf = async (cookie: string, slug: string, userId: string) =>
  (await members(cookie, slug)).find((m) => m.user.id === userId)?.role ?? null;

describe('GET /api/v1/w/{workspace}/members', () => {
  it('lists every member with name, address and role, to every role, and nobody from elsewhere', async () => {
    const w = await workspaceWithRoles();
    const outsider = await signUp('Outsider');
    await createWorkspace(outsider.cookie, 'Elsewhere');
    for (const person of [w.owner, w.admin, w.member, w.viewer]) {
      const items = await members(person.cookie, w.ws.slug);
      expect(items.map((m) => [m.user.email, m.role]).sort()).toEqual(
        [
          [w.owner.email, 'owner'],
          [w.admin.email, 'admin'],
          [w.member.email, 'member'],
          [w.viewer.email, 'viewer'],
        ].sort(),
      );
      expect(items.filter((m) => m.is_you).map((m) => m.user.id)).toEqual([person.user.id]);
      for (const m of items) expect(m.id).toMatch(/^mem_[0-9a-z]{25}$/);
    }
    // A member of several workspaces appears once per workspace, never with another workspace's row.
    await addMember(
      parsePublicId('workspace', (await createWorkspace(w.admin.cookie, 'Admin own')).id) as string,
      parsePublicId('user', w.viewer.user.id) as string,
      'owner',
    );
    expect((await members(w.viewer.cookie, w.ws.slug)).filter((m) => m.user.id === w.viewer.user.id)).toHaveLength(1);
    expect((await call('GET', `/api/v1/w/${w.ws.slug}/members`, { cookie: outsider.cookie })).status).toBe(404);
    expect((await call('GET', `/api/v1/w/${w.ws.slug}/members`)).status).toBe(401);
  });
});

describe('PATCH /api/v1/w/{workspace}/members/{id}', () => {
  it('owners and admins change roles; members and viewers cannot', async () => {
    const w = await workspaceWithRoles();
    const viewerId = await memberIdOf(w.owner.cookie, w.ws.slug, w.viewer.user.id);
    expect((await setRole(w.member.cookie, w.ws.slug, viewerId, 'member')).status).toBe(403);
    expect((await setRole(w.viewer.cookie, w.ws.slug, viewerId, 'member')).status).toBe(403);
    const res = await setRole(w.admin.cookie, w.ws.slug, viewerId, 'member');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: viewerId, role: 'member', user: { id: w.viewer.user.id } });
    expect((await setRole(w.owner.cookie, w.ws.slug, viewerId, 'admin')).status).toBe(200);
    expect(await roleOf(w.owner.cookie, w.ws.slug, w.viewer.user.id)).toBe('admin');

    const audit = (await inspectSql()`
      select actor_id, metadata from audit_log where action = 'member.role_changed' and target_id = ${membershipIds.parse(viewerId)} order by created_at, id`) as Array<{
      actor_id: string;
      metadata: { from: string; to: string };
    }>;
    expect(audit.map((a) => [a.actor_id, a.metadata.from, a.metadata.to])).toEqual([
      [parsePublicId('user', w.admin.user.id), 'viewer', 'member'],
      [parsePublicId('user', w.owner.user.id), 'member', 'admin'],
    ]);
  });

  it('an admin can neither promote to owner nor change an owner', async () => {
    const w = await workspaceWithRoles();
    const memberId = await memberIdOf(w.owner.cookie, w.ws.slug, w.member.user.id);
    const ownerId = await memberIdOf(w.owner.cookie, w.ws.slug, w.owner.user.id);
    const adminId = await memberIdOf(w.owner.cookie, w.ws.slug, w.admin.user.id);
    expect((await setRole(w.admin.cookie, w.ws.slug, memberId, 'owner')).status).toBe(403);
    expect((await setRole(w.admin.cookie, w.ws.slug, adminId, 'owner')).status).toBe(403);
    expect((await setRole(w.admin.cookie, w.ws.slug, ownerId, 'viewer')).status).toBe(403);
    expect(await roleOf(w.owner.cookie, w.ws.slug, w.member.user.id)).toBe('member');
    expect(await roleOf(w.owner.cookie, w.ws.slug, w.owner.user.id)).toBe('owner');
  });

  it('the last owner cannot be demoted; with a second owner they can', async () => {
    const w = await workspaceWithRoles();
    const ownerId = await memberIdOf(w.owner.cookie, w.ws.slug, w.owner.user.id);
    const refused = await setRole(w.owner.cookie, w.ws.slug, ownerId, 'admin');
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('LAST_OWNER');
    expect(await roleOf(w.owner.cookie, w.ws.slug, w.owner.user.id)).toBe('owner');

    const adminId = await memberIdOf(w.owner.cookie, w.ws.slug, w.admin.user.id);
    expect((await setRole(w.owner.cookie, w.ws.slug, adminId, 'owner')).status).toBe(200);
    expect((await setRole(w.owner.cookie, w.ws.slug, ownerId, 'admin')).status).toBe(200);
    expect(await roleOf(w.admin.cookie, w.ws.slug, w.owner.user.id)).toBe('admin');
    // Now the former admin is the only owner, and the rule holds for them too.
    expect((await setRole(w.admin.cookie, w.ws.slug, adminId, 'member')).json.error.code).toBe('LAST_OWNER');
  });

  it('two owners stepping down at once leave one owner', async () => {
    const w = await workspaceWithRoles();
    const ownerId = await memberIdOf(w.owner.cookie, w.ws.slug, w.owner.user.id);
    const adminId = await memberIdOf(w.owner.cookie, w.ws.slug, w.admin.user.id);
    await setRole(w.owner.cookie, w.ws.slug, adminId, 'owner');
    const [a, b] = await Promise.all([
      setRole(w.owner.cookie, w.ws.slug, ownerId, 'member'),
      setRole(w.admin.cookie, w.ws.slug, adminId, 'member'),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const owners =
      (await inspectSql()`select count(*)::int as n from membership where workspace_id = ${w.wsId} and role = 'owner'`) as Array<{
        n: number;
      }>;
    expect(owners[0]?.n).toBe(1);
  });

  it('refuses unknown roles, and a member of another workspace is a 404', async () => {
    const w = await workspaceWithRoles();
    const memberId = await memberIdOf(w.owner.cookie, w.ws.slug, w.member.user.id);
    expect((await setRole(w.owner.cookie, w.ws.slug, memberId, 'superuser')).status).toBe(400);
    const other = await workspaceWithRoles();
    const foreignId = await memberIdOf(other.owner.cookie, other.ws.slug, other.member.user.id);
    const res = await setRole(w.owner.cookie, w.ws.slug, foreignId, 'viewer');
    expect(res.status).toBe(404);
    expect((await setRole(w.owner.cookie, w.ws.slug, 'mem_nope', 'viewer')).status).toBe(404);
    expect(await roleOf(other.owner.cookie, other.ws.slug, other.member.user.id)).toBe('member');
  });
});

describe('DELETE /api/v1/w/{workspace}/members/{id}', () => {
  it('owners and admins remove members, who lose access at once', async () => {
    const w = await workspaceWithRoles();
    const memberId = await memberIdOf(w.owner.cookie, w.ws.slug, w.member.user.id);
    const viewerId = await memberIdOf(w.owner.cookie, w.ws.slug, w.viewer.user.id);
    expect((await remove(w.viewer.cookie, w.ws.slug, memberId)).status).toBe(403);
    expect((await remove(w.member.cookie, w.ws.slug, viewerId)).status).toBe(403);
    expect((await remove(w.admin.cookie, w.ws.slug, memberId)).status).toBe(204);
    expect((await call('GET', `/api/v1/w/${w.ws.slug}/teams`, { cookie: w.member.cookie })).status).toBe(404);
    expect((await remove(w.admin.cookie, w.ws.slug, memberId)).status).toBe(404);
    expect((await remove(w.owner.cookie, w.ws.slug, viewerId)).status).toBe(204);
    expect((await members(w.owner.cookie, w.ws.slug)).map((m) => m.role).sort()).toEqual(['admin', 'owner']);
    const audit =
      (await inspectSql()`select actor_id, metadata from audit_log where action = 'member.removed' and target_id = ${membershipIds.parse(memberId)}`) as Array<{
        actor_id: string;
        metadata: { user_id: string; role: string };
      }>;
    expect(audit).toEqual([
      { actor_id: parsePublicId('user', w.admin.user.id), metadata: { user_id: parsePublicId('user', w.member.user.id), role: 'member' } },
    ]);
  });

  it('an admin cannot remove an owner; the last owner cannot be removed', async () => {
    const w = await workspaceWithRoles();
    const ownerId = await memberIdOf(w.owner.cookie, w.ws.slug, w.owner.user.id);
    expect((await remove(w.admin.cookie, w.ws.slug, ownerId)).status).toBe(403);
    const last = await remove(w.owner.cookie, w.ws.slug, ownerId);
    expect(last.status).toBe(409);
    expect(last.json.error.code).toBe('LAST_OWNER');
    expect(await roleOf(w.owner.cookie, w.ws.slug, w.owner.user.id)).toBe('owner');

    const adminId = await memberIdOf(w.owner.cookie, w.ws.slug, w.admin.user.id);
    await setRole(w.owner.cookie, w.ws.slug, adminId, 'owner');
    expect((await remove(w.admin.cookie, w.ws.slug, ownerId)).status).toBe(204);
    expect((await call('GET', `/api/v1/w/${w.ws.slug}/members`, { cookie: w.owner.cookie })).status).toBe(404);
  });
});

describe('POST /api/v1/w/{workspace}/transfer-ownership', () => {
  it('makes the member owner and the caller admin, in one step', async () => {
    const w = await workspaceWithRoles();
    const memberId = await memberIdOf(w.owner.cookie, w.ws.slug, w.member.user.id);
    const res = await call('POST', `/api/v1/w/${w.ws.slug}/transfer-ownership`, { cookie: w.owner.cookie, body: { member_id: memberId } });
    expect(res.status).toBe(200);
    const roles = Object.fromEntries((res.json.items as Member[]).map((m) => [m.user.id, m.role]));
    expect(roles[w.member.user.id]).toBe('owner');
    expect(roles[w.owner.user.id]).toBe('admin');
    const audit =
      (await inspectSql()`select actor_id, metadata from audit_log where workspace_id = ${w.wsId} and action = 'workspace.ownership_transferred'`) as Array<{
        actor_id: string;
        metadata: { from_user_id: string; to_user_id: string };
      }>;
    expect(audit).toHaveLength(1);
    expect(audit[0]?.metadata).toMatchObject({
      from_user_id: parsePublicId('user', w.owner.user.id),
      to_user_id: parsePublicId('user', w.member.user.id),
    });
    // The former owner is an admin now: no second transfer.
    const again = await call('POST', `/api/v1/w/${w.ws.slug}/transfer-ownership`, {
      cookie: w.owner.cookie,
      body: { member_id: memberId },
    });
    expect(again.status).toBe(403);
  });

  it('is for owners only, to another member of the same workspace', async () => {
    const w = await workspaceWithRoles();
    const memberId = await memberIdOf(w.owner.cookie, w.ws.slug, w.member.user.id);
    const ownerId = await memberIdOf(w.owner.cookie, w.ws.slug, w.owner.user.id);
    expect(
      (await call('POST', `/api/v1/w/${w.ws.slug}/transfer-ownership`, { cookie: w.admin.cookie, body: { member_id: memberId } })).status,
    ).toBe(403);
    expect(
      (await call('POST', `/api/v1/w/${w.ws.slug}/transfer-ownership`, { cookie: w.owner.cookie, body: { member_id: ownerId } })).status,
    ).toBe(400);
    const other = await workspaceWithRoles();
    const foreignId = await memberIdOf(other.owner.cookie, other.ws.slug, other.member.user.id);
    expect(
      (await call('POST', `/api/v1/w/${w.ws.slug}/transfer-ownership`, { cookie: w.owner.cookie, body: { member_id: foreignId } })).status,
    ).toBe(404);
    expect(await roleOf(w.owner.cookie, w.ws.slug, w.owner.user.id)).toBe('owner');
    expect(await roleOf(w.owner.cookie, w.ws.slug, w.member.user.id)).toBe('member');
  });
});

describe('the workspace directory', () => {
  it('gives the request role names and addresses of its own workspace only, never other columns of "user"', async () => {
    const w = await workspaceWithRoles();
    const outsider = await signUp('Outsider');
    const db = new Database(loadConfig(env));
    const principal: Principal = {
      credential: { kind: 'session', tokenHash: await sha256Hex(w.member.cookie.split('=')[1] ?? '') },
      workspace: { id: w.wsId, slug: null },
    };
    const directory = await tenantRead(db, principal, (http) => http.execute(sql`select * from app_private.workspace_directory()`));
    const rows = directory.result.rows as Array<Record<string, string>>;
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(['email', 'name', 'user_id']);
    expect(rows.map((r) => r.email).sort()).toEqual([w.owner.email, w.admin.email, w.member.email, w.viewer.email].sort());
    expect(rows.map((r) => r.email)).not.toContain(outsider.email);
    // The user table itself still shows the request role only the signed-in person's row.
    const users = await tenantRead(db, principal, (http) => http.execute(sql`select id from "user"`));
    expect((users.result.rows as Array<{ id: string }>).map((r) => r.id)).toEqual([parsePublicId('user', w.member.user.id)]);
  });
});

describe('GET /api/v1/w/{workspace}/members pages', () => {
  it('by name with a cursor: every member once, over several pages; a bad cursor is refused', async () => {
    const w = await workspaceWithRoles();
    const rows = (await inspectSql()`select id from membership where workspace_id = ${w.wsId}`) as Array<{ id: string }>;
    const items = await expectPagedList(
      `/api/v1/w/${w.ws.slug}/members`,
      { cookie: w.owner.cookie },
      rows.map((r) => membershipIds.toPublic(r.id)),
    );
    expect(items.map((m) => (m as unknown as Member).user.name)).toEqual(['Adam Admin', 'Mia Member', 'Olivia Owner', 'Vic Viewer']);
  });
});
