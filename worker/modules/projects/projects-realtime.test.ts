import { describe, expect, it } from 'vitest';
import { call } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { workspaceUuid } from '../../test/lifecycle.ts';
import { connect, workspaceOfTwo } from '../realtime/realtime.test-helpers.ts';

/** The sample module's events through the workspace hub: what a connected client is told, and when nothing is. */
describe('projects live', () => {
  it('turns a project created, renamed and deleted into {kind, ids, version} within a second, with no row data', async () => {
    const { owner, other, ws } = await workspaceOfTwo('viewer');
    const watcher = await connect(ws.slug, { cookie: other.cookie });
    const created = await call('POST', `/api/v1/w/${ws.slug}/projects`, {
      cookie: owner.cookie,
      body: { name: 'Secret plan', description: 'hush' },
    });
    expect(await watcher.message('project.created')).toEqual({ kind: 'project.created', ids: { project: created.json.id }, version: 2 });
    await call('PATCH', `/api/v1/w/${ws.slug}/projects/${created.json.id}`, { cookie: owner.cookie, body: { name: 'Renamed' } });
    expect(await watcher.message('project.updated')).toEqual({ kind: 'project.updated', ids: { project: created.json.id }, version: 1 });
    await call('DELETE', `/api/v1/w/${ws.slug}/projects/${created.json.id}`, { cookie: owner.cookie });
    expect(await watcher.message('project.deleted')).toEqual({ kind: 'project.deleted', ids: { project: created.json.id }, version: 1 });
    expect(JSON.stringify(watcher.messages)).not.toMatch(/Secret plan|Renamed|hush/);
  });

  it('announces no update of a project that is not there: the write answers 404 and the outbox stays empty', async () => {
    const { owner, ws } = await workspaceOfTwo();
    const created = await call('POST', `/api/v1/w/${ws.slug}/projects`, { cookie: owner.cookie, body: { name: 'Gone soon' } });
    await call('DELETE', `/api/v1/w/${ws.slug}/projects/${created.json.id}`, { cookie: owner.cookie });
    const res = await call('PATCH', `/api/v1/w/${ws.slug}/projects/${created.json.id}`, { cookie: owner.cookie, body: { name: 'Ghost' } });
    expect(res.status).toBe(404);
    const rows = await inspectSql()`select 1 from outbox_event where workspace_id = ${workspaceUuid(ws.id)} and type = 'project.updated'`;
    expect(rows).toEqual([]);
  });
});
