import { untilBackgroundIdle } from '../../test/background.ts';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventually } from '../../../queues/test/fixtures.ts';
import type { PublishedEvent } from '../../kernel/bus.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { inspectSql, resetRoundTrips, roundTrips } from '../../test/db.ts';
import { workspaceUuid } from '../../test/lifecycle.ts';
import { hookUrl, received } from '../webhooks/webhooks.test-helpers.ts';

/**
 * `project.created` is consumed only by the webhooks fan-out, which takes a workspace's events only
 * while it has a live endpoint (docs/decisions/054-events-by-workspace-interest.md): elsewhere the
 * event is a record, written already sent, and nothing is queued for it.
 */
type SentBatch = Array<{ body: { job: string; payload: unknown } }>;

function queueSpy() {
  const sendBatch = vi.spyOn(env.JOBS, 'sendBatch');
  const send = vi.spyOn(env.JOBS, 'send');
  /** Every `events.dispatch` message sent so far: the events relayed or swept to the queue. */
  const dispatched = () =>
    [
      ...sendBatch.mock.calls.flatMap(([batch]) => [...(batch as SentBatch)].map((m) => m.body)),
      ...send.mock.calls.map(([body]) => body as SentBatch[number]['body']),
    ]
      .filter((body) => body.job === 'events.dispatch')
      .map((body) => body.payload as PublishedEvent);
  return { dispatched };
}

async function outboxRow(workspaceId: string, projectId: string) {
  const rows = (await inspectSql()`
    select id, sent_at, claimed_until from outbox_event
    where workspace_id = ${workspaceId} and type = 'project.created' and payload->>'project_id' = ${projectId}`) as Array<{
    id: string;
    sent_at: string | null;
    claimed_until: string | null;
  }>;
  expect(rows).toHaveLength(1);
  return rows[0] as (typeof rows)[number];
}

async function createProject(cookie: string, slug: string, name: string): Promise<string> {
  const res = await call('POST', `/api/v1/w/${slug}/projects`, { cookie, body: { name } });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

async function addEndpoint(cookie: string, slug: string) {
  const hook = hookUrl('ok');
  const res = await call('POST', `/api/v1/w/${slug}/webhooks`, { cookie, body: { url: hook.url } });
  expect(res.status).toBe(201);
  return { ...hook, id: res.json.id as string };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('project.created is queued only where a webhook endpoint takes it', () => {
  it('sends no queue message in a workspace without endpoints, and the create costs no background round trip', async () => {
    const { cookie } = await signUp();
    const ws = await createWorkspace(cookie);
    const { dispatched } = queueSpy();

    // The round-trip counter is the database endpoint's, shared with whatever earlier tests left on
    // the queue (a retry, the sign-up's mail): the create is measured up to three times, once the
    // queue is idle. Work the create itself left behind would show in every attempt.
    let project = '';
    let afterCreate: Awaited<ReturnType<typeof roundTrips>> | undefined;
    let afterWaiting: Awaited<ReturnType<typeof roundTrips>> | undefined;
    for (let attempt = 1; attempt <= 3; attempt++) {
      await untilBackgroundIdle();
      await resetRoundTrips();
      project = await createProject(cookie, ws.slug, `Unheard ${attempt}`);
      afterCreate = await roundTrips();
      // Anything the create left for after its response would run now: the relay, a dispatch, a fan-out.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      afterWaiting = await roundTrips();
      if (JSON.stringify(afterWaiting) === JSON.stringify(afterCreate)) break;
    }

    const row = await outboxRow(workspaceUuid(ws.id), project);
    expect(row.sent_at).not.toBeNull();
    expect(row.claimed_until).toBeNull();
    expect(dispatched().map((event) => event.id)).not.toContain(row.id);
    expect(afterWaiting).toEqual(afterCreate);
  });

  it('delivers it once the workspace has an endpoint, and stops queueing it when the endpoint is deleted', async () => {
    const { cookie } = await signUp();
    const ws = await createWorkspace(cookie);
    const workspaceId = workspaceUuid(ws.id);
    const { dispatched } = queueSpy();
    const before = await createProject(cookie, ws.slug, 'Before the endpoint');

    const endpoint = await addEndpoint(cookie, ws.slug);
    const heard = await createProject(cookie, ws.slug, 'Heard');
    const heardRow = await outboxRow(workspaceId, heard);
    await eventually(
      async () => dispatched(),
      (events) => events.some((event) => event.id === heardRow.id),
    );
    const deliveries = await eventually(
      () => received(endpoint.name),
      (list) => list.length > 0,
    );
    expect(deliveries).toHaveLength(1);
    expect(JSON.parse(deliveries[0]?.body ?? '{}')).toMatchObject({ type: 'project.created', data: { project_id: heard } });
    expect(deliveries[0]?.headers['webhook-id']).toBe(heardRow.id);

    const deleted = await call('DELETE', `/api/v1/w/${ws.slug}/webhooks/${endpoint.id}`, { cookie });
    expect(deleted.status).toBe(204);
    const after = await createProject(cookie, ws.slug, 'After the endpoint');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const ids = dispatched().map((event) => event.id);
    expect(ids).not.toContain((await outboxRow(workspaceId, before)).id);
    expect(ids).not.toContain((await outboxRow(workspaceId, after)).id);
    expect((await outboxRow(workspaceId, after)).sent_at).not.toBeNull();
  });

  it('follows an endpoint that is disabled and enabled again', async () => {
    const { cookie } = await signUp();
    const ws = await createWorkspace(cookie);
    const workspaceId = workspaceUuid(ws.id);
    const endpoint = await addEndpoint(cookie, ws.slug);

    expect((await call('POST', `/api/v1/w/${ws.slug}/webhooks/${endpoint.id}/disable`, { cookie })).status).toBe(200);
    const whileDisabled = await outboxRow(workspaceId, await createProject(cookie, ws.slug, 'While disabled'));
    expect(whileDisabled.sent_at).not.toBeNull();

    expect((await call('POST', `/api/v1/w/${ws.slug}/webhooks/${endpoint.id}/enable`, { cookie })).status).toBe(200);
    const enabledAgain = await outboxRow(workspaceId, await createProject(cookie, ws.slug, 'Enabled again'));
    expect(enabledAgain.claimed_until).not.toBeNull();
    const deliveries = await eventually(
      () => received(endpoint.name),
      (list) => list.length > 0,
    );
    expect(deliveries.map((d) => d.headers['webhook-id'])).toEqual([enabledAgain.id]);
  });
});
