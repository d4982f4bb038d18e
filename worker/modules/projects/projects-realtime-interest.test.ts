import { describe, expect, it } from 'vitest';
import { countingEnv } from '../../test/binding-counts.ts';
import { call } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { workspaceUuid } from '../../test/lifecycle.ts';
import { realtimeConsumerName } from '../realtime/realtime.notices.ts';
import { connect, workspaceOfTwo } from '../realtime/realtime.test-helpers.ts';

/** The project.created row of a project: whether it was written already sent (nobody wanted it). */
async function createdRow(projectId: string) {
  const rows = await inspectSql().query(
    `select sent_at, claimed_until from outbox_event where type = 'project.created' and payload->>'project_id' = $1`,
    [projectId],
  );
  return (rows as Array<{ sent_at: string | null; claimed_until: string | null }>)[0];
}

async function realtimeInterest(workspaceId: string) {
  const rows = await inspectSql().query(
    'select holders, extract(epoch from expires_at - now())::int as expires_in from event_interest where workspace_id = $1 and consumer = $2',
    [workspaceId, realtimeConsumerName],
  );
  return (rows as Array<{ holders: number; expires_in: number }>)[0];
}

/** Lets the workspace's realtime interest lapse, as it does five minutes after the last heartbeat. */
const lapse = (workspaceId: string) =>
  inspectSql().query(`update event_interest set expires_at = now() - interval '1 second' where workspace_id = $1 and consumer = $2`, [
    workspaceId,
    realtimeConsumerName,
  ]);

/** The sample module's events reach the workspace hub only where someone may be connected (ADR 049). */
describe('projects live: the hub is reached only where someone may be connected', () => {
  it('serves a create and a list with no Durable Object call and queues nothing for the hub when nobody is connected', async () => {
    const { owner, ws } = await workspaceOfTwo();
    const { env, counts } = countingEnv();

    const created = await call('POST', `/api/v1/w/${ws.slug}/projects`, { cookie: owner.cookie, body: { name: 'Quiet' }, env });
    const listed = await call('GET', `/api/v1/w/${ws.slug}/projects?limit=20`, { cookie: owner.cookie, env });

    expect([created.status, listed.status]).toEqual([201, 200]);
    expect(counts).toEqual({ durableObjectRequests: [], kvWrites: [] });
    expect(await realtimeInterest(workspaceUuid(ws.id))).toBeUndefined();
    // Written already sent: no queue message, no consumer, no hub.
    const row = await createdRow(created.json.id);
    expect(row?.sent_at).not.toBeNull();
    expect(row?.claimed_until).toBeNull();
  });

  it('delivers through the queue once a ticket holds the interest, still with no Durable Object call on the request', async () => {
    const { owner, other, ws } = await workspaceOfTwo();
    const watcher = await connect(ws.slug, { cookie: other.cookie });
    const interest = await realtimeInterest(workspaceUuid(ws.id));
    expect(interest?.holders).toBe(1);
    expect(interest?.expires_in).toBeGreaterThan(290);
    expect(interest?.expires_in).toBeLessThanOrEqual(300);
    const { env, counts } = countingEnv();

    const created = await call('POST', `/api/v1/w/${ws.slug}/projects`, { cookie: owner.cookie, body: { name: 'Seen' }, env });

    expect(created.status).toBe(201);
    expect(await watcher.message('project.created')).toEqual({ kind: 'project.created', ids: { project: created.json.id }, version: 2 });
    expect(counts).toEqual({ durableObjectRequests: [], kvWrites: [] });
  });

  it('stops queueing for the hub once the interest lapsed, and a heartbeat holds it again', async () => {
    const { owner, other, ws } = await workspaceOfTwo();
    const watcher = await connect(ws.slug, { cookie: other.cookie });
    await lapse(workspaceUuid(ws.id));

    const unseen = await call('POST', `/api/v1/w/${ws.slug}/projects`, { cookie: owner.cookie, body: { name: 'Unseen' } });
    expect(unseen.status).toBe(201);
    expect((await createdRow(unseen.json.id))?.sent_at).not.toBeNull();

    const beat = await call('POST', `/api/v1/w/${ws.slug}/realtime/heartbeat`, { cookie: other.cookie });
    expect(beat.status).toBe(200);
    expect(beat.json).toEqual({ interest_expires_in: 300 });
    const seen = await call('POST', `/api/v1/w/${ws.slug}/projects`, { cookie: owner.cookie, body: { name: 'Seen again' } });
    expect(await watcher.message('project.created')).toEqual({ kind: 'project.created', ids: { project: seen.json.id }, version: 2 });
    expect(watcher.messages.filter((m) => m.kind === 'project.created')).toHaveLength(1);
  });
});
