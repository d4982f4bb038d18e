import { describe, expect, it } from 'vitest';
import { parsePublicId } from '../../kernel/ids.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { addMember, inspectSql } from '../../test/db.ts';
import { embeddedPostgresSkip, onEmbeddedPostgres, overlapping } from '../../test/row-locks.ts';
import { memberIdOf } from '../members/members.test-helpers.ts';

const uuid = (kind: 'workspace' | 'user', id: string) => parsePublicId(kind, id) ?? '';

async function membershipsOf(workspaceId: string) {
  return (await inspectSql()`
    select user_id, role from membership where workspace_id = ${uuid('workspace', workspaceId)} order by role`) as Array<{
    user_id: string;
    role: string;
  }>;
}

describe('leaving a workspace', () => {
  it('removes the member, audits it, and the workspace is gone for them', async () => {
    const owner = await signUp();
    const ws = await createWorkspace(owner.cookie);
    const member = await signUp('Grace');
    await addMember(uuid('workspace', ws.id), uuid('user', member.user.id), 'member');

    const res = await call('POST', `/api/v1/w/${ws.slug}/leave`, { cookie: member.cookie });

    expect(res.status).toBe(204);
    expect((await membershipsOf(ws.id)).map((m) => m.user_id)).toEqual([uuid('user', owner.user.id)]);
    expect((await call('GET', `/api/v1/w/${ws.slug}/teams`, { cookie: member.cookie })).status).toBe(404);
    const [entry] = (await inspectSql()`
      select actor_id, action, metadata from audit_log
       where workspace_id = ${uuid('workspace', ws.id)} and action = 'membership.left'`) as Array<Record<string, any>>;
    expect(entry).toMatchObject({ actor_id: uuid('user', member.user.id), metadata: { role: 'member' } });
  });

  it('refuses the last owner (409 LAST_OWNER) and changes nothing', async () => {
    const owner = await signUp();
    const ws = await createWorkspace(owner.cookie);
    const member = await signUp();
    await addMember(uuid('workspace', ws.id), uuid('user', member.user.id), 'admin');
    const before = await membershipsOf(ws.id);

    const res = await call('POST', `/api/v1/w/${ws.slug}/leave`, { cookie: owner.cookie });

    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('LAST_OWNER');
    expect(res.json.error.message).toMatch(/Make another member an owner/);
    expect(await membershipsOf(ws.id)).toEqual(before);
  });

  it('refuses the only member too, and lets an owner leave when another owner stays', async () => {
    const alone = await signUp();
    const solo = await createWorkspace(alone.cookie);
    const refused = await call('POST', `/api/v1/w/${solo.slug}/leave`, { cookie: alone.cookie });
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('LAST_OWNER');

    const owner = await signUp();
    const ws = await createWorkspace(owner.cookie);
    const second = await signUp();
    await addMember(uuid('workspace', ws.id), uuid('user', second.user.id), 'owner');
    expect((await call('POST', `/api/v1/w/${ws.slug}/leave`, { cookie: owner.cookie })).status).toBe(204);
    expect(await membershipsOf(ws.id)).toEqual([{ user_id: uuid('user', second.user.id), role: 'owner' }]);
  });

  it('answers 404 for a workspace the caller is not in, and 401 without a session', async () => {
    const owner = await signUp();
    const ws = await createWorkspace(owner.cookie);
    const stranger = await signUp();
    expect((await call('POST', `/api/v1/w/${ws.slug}/leave`, { cookie: stranger.cookie })).status).toBe(404);
    expect((await call('POST', `/api/v1/w/${ws.slug}/leave`)).status).toBe(401);
    expect(await membershipsOf(ws.id)).toHaveLength(1);
  });

  it('refuses an API key: only a person can leave', async () => {
    const owner = await signUp();
    const ws = await createWorkspace(owner.cookie);
    const key = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie: owner.cookie, body: { name: 'ci', role: 'admin' } });
    expect(key.status).toBe(201);
    const res = await call('POST', `/api/v1/w/${ws.slug}/leave`, { apiKey: key.json.key });
    expect(res.status).toBe(403);
    expect(await membershipsOf(ws.id)).toHaveLength(1);
  });

  // A leave and a role change or removal of another member, their transactions overlapping: each
  // may wait for the other's rows, never both for each other's. The owner's row comes last in the
  // table and in its (workspace, user) index, so a leave that locked every membership in scan order
  // would hold the target's row while it waited for the owner's, and the change, holding the
  // owner's, would wait for the target's: a deadlock, one of them a 500.
  const changes = {
    'a promotion': {
      status: 200,
      send: (cookie: string, slug: string, id: string) =>
        call('PATCH', `/api/v1/w/${slug}/members/${id}`, { cookie, body: { role: 'admin' } }),
    },
    'a removal': {
      status: 204,
      send: (cookie: string, slug: string, id: string) => call('DELETE', `/api/v1/w/${slug}/members/${id}`, { cookie }),
    },
  };
  for (const [name, change] of Object.entries(changes)) {
    it(`waits for ${name} of another member that overlaps it, and both succeed`, async (ctx) => {
      if (await onEmbeddedPostgres()) ctx.skip(embeddedPostgresSkip);
      const target = await signUp('Tess');
      const leaver = await signUp('Leo');
      const owner = await signUp('Olivia');
      const ws = await createWorkspace(owner.cookie);
      const wsId = uuid('workspace', ws.id);
      await addMember(wsId, uuid('user', target.user.id), 'member');
      await addMember(wsId, uuid('user', leaver.user.id), 'member');
      // Rows in index order: by user id, and the owner signed up last.
      await inspectSql()`cluster membership using membership_workspace_user_key`;
      const targetId = await memberIdOf(owner.cookie, ws.slug, target.user.id);

      const [changed, left] = await overlapping(
        wsId,
        () => change.send(owner.cookie, ws.slug, targetId),
        () => call('POST', `/api/v1/w/${ws.slug}/leave`, { cookie: leaver.cookie }),
      );

      expect([changed.status, left.status]).toEqual([change.status, 204]);
      expect((await membershipsOf(ws.id)).map((m) => m.user_id)).not.toContain(uuid('user', leaver.user.id));
    });
  }

  it('lets a member leave while ownership changes hands, and keeps the new owner from leaving', async (ctx) => {
    if (await onEmbeddedPostgres()) ctx.skip(embeddedPostgresSkip);
    const owner = await signUp('Olivia');
    const ws = await createWorkspace(owner.cookie);
    const wsId = uuid('workspace', ws.id);
    const heir = await signUp('Hal');
    const member = await signUp('Mo');
    await addMember(wsId, uuid('user', heir.user.id), 'admin');
    await addMember(wsId, uuid('user', member.user.id), 'member');
    const heirId = await memberIdOf(owner.cookie, ws.slug, heir.user.id);
    const transfer = () => call('POST', `/api/v1/w/${ws.slug}/transfer-ownership`, { cookie: owner.cookie, body: { member_id: heirId } });

    // The leave waited for the owner's row, which the transfer then made an admin's: the owners it
    // first saw are all gone, and the owner the transfer made must be the one it decides on.
    const [moved, memberLeft] = await overlapping(wsId, transfer, () =>
      call('POST', `/api/v1/w/${ws.slug}/leave`, { cookie: member.cookie }),
    );
    expect([moved.status, memberLeft.status]).toEqual([200, 204]);

    const other = await signUp('Olga');
    const ws2 = await createWorkspace(other.cookie);
    const ws2Id = uuid('workspace', ws2.id);
    const heir2 = await signUp('Hana');
    await addMember(ws2Id, uuid('user', heir2.user.id), 'admin');
    const heir2Id = await memberIdOf(other.cookie, ws2.slug, heir2.user.id);
    const [moved2, heirLeft] = await overlapping(
      ws2Id,
      () => call('POST', `/api/v1/w/${ws2.slug}/transfer-ownership`, { cookie: other.cookie, body: { member_id: heir2Id } }),
      () => call('POST', `/api/v1/w/${ws2.slug}/leave`, { cookie: heir2.cookie }),
    );
    expect([moved2.status, heirLeft.status, heirLeft.json.error.code]).toEqual([200, 409, 'LAST_OWNER']);
    expect(await membershipsOf(ws2.id)).toContainEqual({ user_id: uuid('user', heir2.user.id), role: 'owner' });
  });
});
