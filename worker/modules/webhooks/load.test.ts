import { describe, expect, it } from 'vitest';
import { parsePublicId } from '../../kernel/ids.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { dispatch, drain, jobDeps, publishEvents, recordingQueue } from './delivery.test-helpers.ts';
import { hookUrl, received } from './webhooks.test-helpers.ts';

/**
 * Load, sized for the shared test machine: one workspace, 20 endpoints (half take every event, half
 * only `hooktest.even`), EVENTS events, the deliveries run 10 at a time through the real job against
 * the local receiver. Every endpoint must get each event it takes exactly once, as a success.
 */
const ENDPOINTS = 20;
const EVENTS = Number(globalThis.process?.env?.WEBHOOK_LOAD_EVENTS ?? 40);

describe('webhook delivery under load', () => {
  it(`delivers ${EVENTS} events to ${ENDPOINTS} endpoints exactly once each, as successes`, async () => {
    const owner = await signUp('Lana Load');
    const ws = await createWorkspace(owner.cookie, 'Load Co');
    const workspaceId = parsePublicId('workspace', ws.id) as string;
    const endpoints = [];
    for (let i = 0; i < ENDPOINTS; i++) {
      const hook = hookUrl('ok');
      const eventTypes = i % 2 === 0 ? [] : ['hooktest.even'];
      const res = await call('POST', `/api/v1/w/${ws.slug}/webhooks`, {
        cookie: owner.cookie,
        body: { url: hook.url, event_types: eventTypes },
      });
      expect(res.status).toBe(201);
      endpoints.push({ ...hook, eventTypes });
    }
    const { queue, sent } = recordingQueue();
    const deps = jobDeps(queue);
    const started = Date.now();
    const events = await publishEvents(workspaceId, EVENTS);
    await dispatch(events, deps);
    await drain(sent, deps, 10);
    const seconds = (Date.now() - started) / 1000;
    for (const endpoint of endpoints) {
      const expected = events.filter((e) => endpoint.eventTypes.length === 0 || endpoint.eventTypes.includes(e.type)).map((e) => e.id);
      const ids = (await received(endpoint.name)).map((r) => r.headers['webhook-id']);
      expect(ids.sort()).toEqual(expected.sort());
    }
    const [counts] = (await inspectSql()`
      select count(*)::int as total, count(*) filter (where status = 'succeeded' and attempt = 1)::int as first_time
      from webhook_delivery where workspace_id = ${workspaceId}`) as Array<{ total: number; first_time: number }>;
    expect(counts?.total).toBe(counts?.first_time);
    console.info(
      JSON.stringify({
        webhook_load: {
          endpoints: ENDPOINTS,
          events: EVENTS,
          deliveries: counts?.total,
          seconds,
          per_second: (counts?.total ?? 0) / seconds,
        },
      }),
    );
  }, 120_000);
});
