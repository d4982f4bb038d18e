import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { parsePublicId } from '../../kernel/ids.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { dispatch, drain, jobDeps, publishEvents, recordingQueue } from './delivery.test-helpers.ts';
import { endpointIds } from './webhooks.ids.ts';
import { hookUrl, received } from './webhooks.test-helpers.ts';

/**
 * Issue 13, line 7: one workspace with 20 endpoints and 1,000 events. The events are published through
 * the outbox in tenant transactions (as a module's write does), the endpoints are registered through
 * the API with four different filters, and the consumer and delivery jobs run as the queue would run
 * them, several messages at once, against the local receiver. Every endpoint must get each event it
 * takes exactly once as a success: the webhook-ids it received are the expected set, each verifies
 * with `standardwebhooks`, and an id arrives twice only as a retry of its delivery (attempt > 1).
 * The speed is measured by `npm run bench` (bench/webhooks.ts), not asserted here.
 */
const ENDPOINTS = 20;
const EVENTS = 1000;
const EVENTS_PER_WRITE = 100;
/** Messages the queue hands to consumers at once here (the platform runs many more). */
const CONCURRENCY = 8;

const FILTERS: ReadonlyArray<readonly string[]> = [[], ['hooktest.even'], ['hooktest.odd'], ['hooktest.even', 'hooktest.odd']];

describe('webhook delivery under load', () => {
  it(`delivers ${EVENTS} events to ${ENDPOINTS} endpoints with different filters exactly once each, as verified successes`, async () => {
    const owner = await signUp('Lana Load');
    const ws = await createWorkspace(owner.cookie, 'Load Co');
    const workspaceId = parsePublicId('workspace', ws.id) as string;
    const endpoints = [];
    for (let i = 0; i < ENDPOINTS; i++) {
      const hook = hookUrl('ok');
      const eventTypes = FILTERS[i % FILTERS.length] as readonly string[];
      const res = await call('POST', `/api/v1/w/${ws.slug}/webhooks`, {
        cookie: owner.cookie,
        body: { url: hook.url, event_types: eventTypes },
      });
      expect(res.status).toBe(201);
      endpoints.push({ ...hook, eventTypes, uuid: endpointIds.parse(res.json.id) as string, secret: res.json.secret as string });
    }

    const { queue, sent } = recordingQueue();
    const started = Date.now();
    const deps = jobDeps(queue);
    const events = [];
    for (let first = 0; first < EVENTS; first += EVENTS_PER_WRITE)
      events.push(...(await publishEvents(workspaceId, EVENTS_PER_WRITE, first)));
    await dispatch(events, deps, CONCURRENCY);
    await drain(sent, deps, CONCURRENCY);
    const seconds = (Date.now() - started) / 1000;

    const attempts = (await inspectSql()`
      select endpoint_id, event_id, status, attempt from webhook_delivery where workspace_id = ${workspaceId}`) as Array<{
      endpoint_id: string;
      event_id: string;
      status: string;
      attempt: number;
    }>;
    let total = 0;
    for (const endpoint of endpoints) {
      const expected = events.filter((e) => endpoint.eventTypes.length === 0 || endpoint.eventTypes.includes(e.type)).map((e) => e.id);
      const rows = attempts.filter((row) => row.endpoint_id === endpoint.uuid);
      expect(rows.every((row) => row.status === 'succeeded')).toBe(true);
      const got = await received(endpoint.name);
      const verifier = new Webhook(endpoint.secret);
      for (const request of got) verifier.verify(request.body, request.headers);
      const ids = got.map((request) => request.headers['webhook-id'] as string);
      expect(new Set(ids)).toEqual(new Set(expected));
      // A second copy of an id is only a documented retry: its delivery made that many attempts.
      const attemptsOf = new Map(rows.map((row) => [row.event_id, row.attempt]));
      const copies = new Map<string, number>();
      for (const id of ids) copies.set(id, (copies.get(id) ?? 0) + 1);
      for (const [id, n] of copies) expect(n, `webhook-id ${id} at ${endpoint.name}`).toBeLessThanOrEqual(attemptsOf.get(id) ?? 0);
      expect(rows).toHaveLength(expected.length);
      total += expected.length;
    }
    expect(total).toBe((ENDPOINTS / FILTERS.length) * (EVENTS + EVENTS / 2 + EVENTS / 2 + EVENTS));
    expect(attempts).toHaveLength(total);
    console.info(
      JSON.stringify({ webhook_load: { endpoints: ENDPOINTS, events: EVENTS, deliveries: total, seconds, per_second: total / seconds } }),
    );
  }, 300_000);
});
