import { describe, expect, it } from 'vitest';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { requestCost } from '../../test/request-cost.ts';

async function workspaceWithOwner() {
  const { cookie } = await signUp();
  const ws = await createWorkspace(cookie);
  return { cookie, ws };
}

describe('database round trips', () => {
  it('an authenticated, tenant-scoped list costs exactly one round trip', async () => {
    const { cookie, ws } = await workspaceWithOwner();
    await call('POST', `/api/v1/w/${ws.slug}/projects`, { cookie, body: { name: 'One' } });

    const { response: list, stats } = await requestCost(
      async () => undefined,
      () => call('GET', `/api/v1/w/${ws.slug}/projects`, { cookie }),
    );
    expect(list.status).toBe(200);
    expect(list.json.items).toHaveLength(1);
    expect(stats).toMatchObject({ sqlRequests: 1, wsConnections: 0, wsMessages: 0 });
  });

  it('an API-key read costs one round trip as well', async () => {
    const { cookie, ws } = await workspaceWithOwner();
    const key = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie, body: { name: 'ci' } });

    const { response: list, stats } = await requestCost(
      async () => undefined,
      () => call('GET', `/api/v1/w/${ws.slug}/projects`, { apiKey: key.json.key }),
    );
    expect(list.status).toBe(200);
    expect(stats.sqlRequests + stats.wsMessages).toBe(1);
  });

  it('a create or update costs two round trips (check, then one transaction), the next write of the credential one, and no WebSocket session', async () => {
    const created = await requestCost(workspaceWithOwner, ({ cookie, ws }) =>
      call('POST', `/api/v1/w/${ws.slug}/projects`, { cookie, body: { name: 'One' } }),
    );
    expect(created.response.status).toBe(201);
    expect(created.stats).toMatchObject({ sqlRequests: 2, wsConnections: 0, wsMessages: 0 });

    const updated = await requestCost(
      async () => {
        const { cookie, ws } = await workspaceWithOwner();
        const project = await call('POST', `/api/v1/w/${ws.slug}/projects`, { cookie, body: { name: 'One' } });
        return { cookie, ws, project: project.json.id as string };
      },
      ({ cookie, ws, project }) => call('PATCH', `/api/v1/w/${ws.slug}/projects/${project}`, { cookie, body: { name: 'Two' } }),
    );
    expect(updated.response.json.name).toBe('Two');
    expect(updated.stats).toMatchObject({ sqlRequests: 1, wsConnections: 0, wsMessages: 0 });
  });
});
