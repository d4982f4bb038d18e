import { describe, expect, it } from 'vitest';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { resetRoundTrips, roundTrips } from '../../test/db.ts';

describe('database round trips', () => {
  it('an authenticated, tenant-scoped list costs exactly one round trip', async () => {
    const { cookie } = await signUp();
    const ws = await createWorkspace(cookie);
    await call('POST', `/api/v1/w/${ws.slug}/projects`, { cookie, body: { name: 'One' } });

    await resetRoundTrips();
    const list = await call('GET', `/api/v1/w/${ws.slug}/projects`, { cookie });
    const stats = await roundTrips();
    expect(list.status).toBe(200);
    expect(list.json.items).toHaveLength(1);
    expect(stats.sqlRequests).toBe(1);
    expect(stats.wsConnections).toBe(0);
    expect(stats.wsMessages).toBe(0);
  });

  it('an API-key read costs one round trip as well', async () => {
    const { cookie } = await signUp();
    const ws = await createWorkspace(cookie);
    const key = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie, body: { name: 'ci' } });

    await resetRoundTrips();
    const list = await call('GET', `/api/v1/w/${ws.slug}/projects`, { apiKey: key.json.key });
    const stats = await roundTrips();
    expect(list.status).toBe(200);
    expect(stats.sqlRequests + stats.wsMessages).toBe(1);
  });

  it('a create or update costs two round trips (check, then one transaction), the next write of the credential one, and no WebSocket session', async () => {
    const { cookie } = await signUp();
    const ws = await createWorkspace(cookie);

    await resetRoundTrips();
    const created = await call('POST', `/api/v1/w/${ws.slug}/projects`, { cookie, body: { name: 'One' } });
    const afterCreate = await roundTrips();
    expect(created.status).toBe(201);
    expect(afterCreate).toMatchObject({ sqlRequests: 2, wsConnections: 0, wsMessages: 0 });

    await resetRoundTrips();
    const updated = await call('PATCH', `/api/v1/w/${ws.slug}/projects/${created.json.id}`, { cookie, body: { name: 'Two' } });
    const afterUpdate = await roundTrips();
    expect(updated.json.name).toBe('Two');
    expect(afterUpdate).toMatchObject({ sqlRequests: 1, wsConnections: 0, wsMessages: 0 });
  });
});
