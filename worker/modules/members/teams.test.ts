import { describe, expect, it } from 'vitest';
import { call } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { memberIdOf, workspaceWithRoles } from './members.test-helpers.ts';
import { teamIds } from './members.ids.ts';
import { expectPagedList } from '../../test/pages.ts';

const teamsPath = (slug: string) => `/api/v1/w/${slug}/teams`;
const createTeam = (cookie: string, slug: string, name: string) => call('POST', teamsPath(slug), { cookie, body: { name } });

describe('teams', () => {
  it('owners and admins create, rename and delete teams; everyone reads them', async () => {
    const w = await workspaceWithRoles();
    const created = await createTeam(w.admin.cookie, w.ws.slug, 'Design');
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: 'Design', member_count: 0 });
    expect(created.json.id).toMatch(/^team_[0-9a-z]{25}$/);
    expect((await createTeam(w.owner.cookie, w.ws.slug, 'Backend')).status).toBe(201);
    for (const person of [w.member, w.viewer]) {
      expect((await createTeam(person.cookie, w.ws.slug, 'Mine')).status).toBe(403);
      const list = await call('GET', teamsPath(w.ws.slug), { cookie: person.cookie });
      expect(list.json.items.map((t: { name: string }) => t.name)).toEqual(['Backend', 'Design']);
    }

    const id = created.json.id as string;
    expect((await call('PATCH', `${teamsPath(w.ws.slug)}/${id}`, { cookie: w.member.cookie, body: { name: 'X' } })).status).toBe(403);
    const renamed = await call('PATCH', `${teamsPath(w.ws.slug)}/${id}`, { cookie: w.admin.cookie, body: { name: 'Product design' } });
    expect(renamed.status).toBe(200);
    expect(renamed.json).toMatchObject({ id, name: 'Product design', members: [] });

    expect((await call('DELETE', `${teamsPath(w.ws.slug)}/${id}`, { cookie: w.viewer.cookie })).status).toBe(403);
    expect((await call('DELETE', `${teamsPath(w.ws.slug)}/${id}`, { cookie: w.owner.cookie })).status).toBe(204);
    expect((await call('GET', `${teamsPath(w.ws.slug)}/${id}`, { cookie: w.owner.cookie })).status).toBe(404);
    expect((await call('DELETE', `${teamsPath(w.ws.slug)}/${id}`, { cookie: w.owner.cookie })).status).toBe(404);

    const audit =
      (await inspectSql()`select action, metadata from audit_log where workspace_id = ${w.wsId} and target_id = ${teamIds.parse(id)} order by created_at, id`) as Array<{
        action: string;
        metadata: Record<string, string>;
      }>;
    expect(audit).toEqual([
      { action: 'team.created', metadata: { name: 'Design' } },
      { action: 'team.renamed', metadata: { from: 'Design', to: 'Product design' } },
      { action: 'team.deleted', metadata: { name: 'Product design' } },
    ]);
  });

  it('team names are unique per workspace, ignoring case, and must not be blank', async () => {
    const w = await workspaceWithRoles();
    expect((await createTeam(w.owner.cookie, w.ws.slug, 'Ops')).status).toBe(201);
    const clash = await createTeam(w.owner.cookie, w.ws.slug, 'ops');
    expect(clash.status).toBe(409);
    expect(clash.json.error.code).toBe('TEAM_NAME_TAKEN');
    const other = await createTeam(w.owner.cookie, w.ws.slug, 'Sales');
    expect(
      (await call('PATCH', `${teamsPath(w.ws.slug)}/${other.json.id}`, { cookie: w.owner.cookie, body: { name: 'OPS' } })).status,
    ).toBe(409);
    expect((await createTeam(w.owner.cookie, w.ws.slug, '   ')).status).toBe(400);
    const elsewhere = await workspaceWithRoles();
    expect((await createTeam(elsewhere.owner.cookie, elsewhere.ws.slug, 'Ops')).status).toBe(201);
  });

  it('adds and removes members; removing someone from the workspace takes their team places', async () => {
    const w = await workspaceWithRoles();
    const team = (await createTeam(w.owner.cookie, w.ws.slug, 'Core')).json.id as string;
    const memberId = await memberIdOf(w.owner.cookie, w.ws.slug, w.member.user.id);
    const viewerId = await memberIdOf(w.owner.cookie, w.ws.slug, w.viewer.user.id);
    const add = (cookie: string, id: string) =>
      call('POST', `${teamsPath(w.ws.slug)}/${team}/members`, { cookie, body: { member_id: id } });

    expect((await add(w.member.cookie, viewerId)).status).toBe(403);
    expect((await add(w.admin.cookie, memberId)).status).toBe(200);
    const added = await add(w.admin.cookie, viewerId);
    expect(added.json.members.map((m: { member_id: string; user: { email: string } }) => [m.member_id, m.user.email]).sort()).toEqual(
      [
        [memberId, w.member.email],
        [viewerId, w.viewer.email],
      ].sort(),
    );
    // Adding twice changes nothing.
    expect((await add(w.admin.cookie, viewerId)).json.members).toHaveLength(2);
    expect((await call('GET', teamsPath(w.ws.slug), { cookie: w.viewer.cookie })).json.items[0].member_count).toBe(2);

    const removed = await call('DELETE', `${teamsPath(w.ws.slug)}/${team}/members/${viewerId}`, { cookie: w.owner.cookie });
    expect(removed.status).toBe(200);
    expect(removed.json.members.map((m: { member_id: string }) => m.member_id)).toEqual([memberId]);
    expect((await call('DELETE', `${teamsPath(w.ws.slug)}/${team}/members/${viewerId}`, { cookie: w.owner.cookie })).status).toBe(404);

    expect((await call('DELETE', `/api/v1/w/${w.ws.slug}/members/${memberId}`, { cookie: w.owner.cookie })).status).toBe(204);
    expect((await call('GET', `${teamsPath(w.ws.slug)}/${team}`, { cookie: w.owner.cookie })).json.members).toEqual([]);

    const actions =
      (await inspectSql()`select action from audit_log where workspace_id = ${w.wsId} and target_id = ${teamIds.parse(team)} order by created_at, id`) as Array<{
        action: string;
      }>;
    expect(actions.map((a) => a.action)).toEqual(['team.created', 'team.member_added', 'team.member_added', 'team.member_removed']);
  });

  it('another workspace’s team or member is a 404, and nothing crosses over', async () => {
    const a = await workspaceWithRoles();
    const b = await workspaceWithRoles();
    const teamA = (await createTeam(a.owner.cookie, a.ws.slug, 'A team')).json.id as string;
    const teamB = (await createTeam(b.owner.cookie, b.ws.slug, 'B team')).json.id as string;
    const memberOfB = await memberIdOf(b.owner.cookie, b.ws.slug, b.member.user.id);
    expect((await call('GET', `${teamsPath(a.ws.slug)}/${teamB}`, { cookie: a.owner.cookie })).status).toBe(404);
    expect((await call('PATCH', `${teamsPath(a.ws.slug)}/${teamB}`, { cookie: a.owner.cookie, body: { name: 'Mine' } })).status).toBe(404);
    expect((await call('DELETE', `${teamsPath(a.ws.slug)}/${teamB}`, { cookie: a.owner.cookie })).status).toBe(404);
    expect(
      (await call('POST', `${teamsPath(a.ws.slug)}/${teamA}/members`, { cookie: a.owner.cookie, body: { member_id: memberOfB } })).status,
    ).toBe(404);
    expect((await call('GET', teamsPath(a.ws.slug), { cookie: b.owner.cookie })).status).toBe(404);
    expect((await call('GET', teamsPath(a.ws.slug))).status).toBe(401);
    expect((await call('GET', `${teamsPath(b.ws.slug)}/${teamB}`, { cookie: b.owner.cookie })).json).toMatchObject({
      name: 'B team',
      members: [],
    });
  });

  it('a team member picked from nothing is a field error, as the team form says it, and the team stays empty', async () => {
    const w = await workspaceWithRoles();
    const team = (await createTeam(w.owner.cookie, w.ws.slug, 'Empty pick')).json.id as string;
    const added = await call('POST', `${teamsPath(w.ws.slug)}/${team}/members`, { cookie: w.owner.cookie, body: { member_id: '' } });
    expect(added.status).toBe(400);
    expect(added.json.error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(Object.keys(added.json.error.fields)).toEqual(['member_id']);
    expect((await call('GET', `${teamsPath(w.ws.slug)}/${team}`, { cookie: w.owner.cookie })).json.members).toEqual([]);
  });
});

describe('GET /api/v1/w/{workspace}/teams pages', () => {
  it('by name with a cursor: every team once, over several pages; a bad cursor is refused', async () => {
    const w = await workspaceWithRoles();
    const ids: string[] = [];
    for (const name of ['delta', 'Alpha', 'charlie', 'bravo']) ids.push((await createTeam(w.owner.cookie, w.ws.slug, name)).json.id);
    const items = await expectPagedList(teamsPath(w.ws.slug), { cookie: w.viewer.cookie }, ids, 3);
    expect(items.map((t) => t.name)).toEqual(['Alpha', 'bravo', 'charlie', 'delta']);
  });
});
