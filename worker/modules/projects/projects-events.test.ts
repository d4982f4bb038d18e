import { describe, expect, it } from 'vitest';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { workspaceUuid } from '../../test/lifecycle.ts';
import { projectIds } from './projects.ids.ts';

async function outboxRowsOf(workspaceId: string) {
  return (await inspectSql().query('select type, version, payload, sent_at from outbox_event where workspace_id = $1', [
    workspaceId,
  ])) as Array<{ type: string; version: number; payload: Record<string, unknown>; sent_at: string | null }>;
}

describe('projects: project.created leaves through the outbox', () => {
  it('writes the event with the project, in the same batch', async () => {
    const { cookie } = await signUp();
    const ws = await createWorkspace(cookie);
    const created = await call('POST', `/api/v1/w/${ws.slug}/projects`, { cookie, body: { name: 'Announced' } });
    expect(created.status).toBe(201);

    const workspaceId = workspaceUuid(ws.id);
    const [row] = await outboxRowsOf(workspaceId);
    // The public id, as the API and webhook endpoints name the project: no database id leaves the process.
    expect(row).toMatchObject({ type: 'project.created', version: 2, payload: { project_id: created.json.id } });
    expect(projectIds.parse(row?.payload.project_id as string)).not.toBeNull();
  });

  it('writes no event when the create is refused', async () => {
    const { cookie } = await signUp();
    const ws = await createWorkspace(cookie);
    const refused = await call('POST', `/api/v1/w/${ws.slug}/projects`, { cookie, body: { name: '' } });
    expect(refused.status).toBe(400);
    expect(await outboxRowsOf(workspaceUuid(ws.id))).toEqual([]);
  });
});
