import { describe, expect, it } from 'vitest';
import { parsePublicId } from '../../kernel/ids.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { addMember, inspectSql } from '../../test/db.ts';
import { projectIds } from './projects.ids.ts';

describe('projects', () => {
  it('creates, lists, reads, updates and soft-deletes a project', async () => {
    const { cookie } = await signUp();
    const ws = await createWorkspace(cookie);
    const base = `/api/v1/w/${ws.slug}/projects`;

    const empty = await call('GET', base, { cookie });
    expect(empty.status).toBe(200);
    expect(empty.json).toEqual({ items: [], next_cursor: null, has_more: false });

    const created = await call('POST', base, { cookie, body: { name: 'Apollo', description: 'moon' } });
    expect(created.status).toBe(201);
    expect(created.json.id).toMatch(/^prj_/);

    const one = await call('GET', `${base}/${created.json.id}`, { cookie });
    expect(one.json.name).toBe('Apollo');

    const patched = await call('PATCH', `${base}/${created.json.id}`, { cookie, body: { status: 'archived' } });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ name: 'Apollo', description: 'moon', status: 'archived' });

    const deleted = await call('DELETE', `${base}/${created.json.id}`, { cookie });
    expect(deleted.status).toBe(204);
    expect((await call('GET', `${base}/${created.json.id}`, { cookie })).status).toBe(404);
    expect((await call('GET', base, { cookie })).json.items).toEqual([]);
  });

  it('audits creation and deletion with actor, workspace, target, IP and user agent', async () => {
    const { cookie, user } = await signUp();
    const ws = await createWorkspace(cookie);
    const base = `/api/v1/w/${ws.slug}/projects`;
    const ip = '10.44.44.44';
    const headers = { 'user-agent': 'projects-audit/2.0' };
    const created = await call('POST', base, { cookie, body: { name: 'Audited' }, ip, headers });
    await call('DELETE', `${base}/${created.json.id}`, { cookie, ip, headers });
    const rows = await inspectSql()`
      select action, actor_type, actor_id, workspace_id, target_type, target_id, ip, user_agent
        from audit_log where target_id = ${projectIds.parse(created.json.id)} order by created_at`;
    const expected = {
      actor_type: 'user',
      actor_id: parsePublicId('user', user.id),
      workspace_id: parsePublicId('workspace', ws.id),
      target_type: 'project',
      target_id: projectIds.parse(created.json.id),
      ip,
      user_agent: 'projects-audit/2.0',
    };
    expect(rows).toEqual([
      { action: 'project.created', ...expected },
      { action: 'project.deleted', ...expected },
    ]);
  });

  it('restores a deleted project within the window, audited, for those who may delete; nothing else', async () => {
    const { cookie } = await signUp();
    const ws = await createWorkspace(cookie);
    const base = `/api/v1/w/${ws.slug}/projects`;
    const member = await signUp();
    await addMember(parsePublicId('workspace', ws.id) as string, parsePublicId('user', member.user.id) as string, 'member');
    const created = await call('POST', base, { cookie, body: { name: 'Phoenix', description: 'rises' } });
    const id = created.json.id as string;

    // A live project has nothing to restore.
    expect((await call('POST', `${base}/${id}/restore`, { cookie })).status).toBe(404);
    expect((await call('DELETE', `${base}/${id}`, { cookie })).status).toBe(204);
    // Restoring takes what deleting takes: a member may do neither.
    const refused = await call('POST', `${base}/${id}/restore`, { cookie: member.cookie });
    expect(refused.status).toBe(403);
    expect((await call('GET', `${base}/${id}`, { cookie })).status).toBe(404);

    const restored = await call('POST', `${base}/${id}/restore`, { cookie });
    expect(restored.status).toBe(200);
    expect(restored.json).toMatchObject({ id, name: 'Phoenix', description: 'rises', status: 'active' });
    expect((await call('GET', base, { cookie })).json.items.map((p: { id: string }) => p.id)).toEqual([id]);
    expect((await call('POST', `${base}/${id}/restore`, { cookie })).status).toBe(404);
    const audited = await inspectSql()`
      select action from audit_log where target_id = ${projectIds.parse(id)} order by created_at, id`;
    expect(audited.map((r) => (r as { action: string }).action)).toEqual(['project.created', 'project.deleted', 'project.restored']);

    // Past the window the delete is final.
    expect((await call('DELETE', `${base}/${id}`, { cookie })).status).toBe(204);
    await inspectSql()`update project set deleted_at = now() - interval '31 days' where id = ${projectIds.parse(id)}`;
    const late = await call('POST', `${base}/${id}/restore`, { cookie });
    expect(late.status).toBe(404);
    expect(late.json.error.code).toBe('NOT_FOUND');
  });
});
