import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { appWithEveryRoute } from '../../app.ts';
import type { SentWebhook } from '../../kernel/webhook-inbox.ts';
import { parsePublicId } from '../../kernel/ids.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { inspectSql, roundTrips } from '../../test/db.ts';
import { untilBackgroundIdle } from '../../test/background.ts';
import { jobRegistry } from '../../../queues/registry.ts';
import { deliverWebhooks } from './deliver.job.ts';
import { mailFor } from '../../test/inbox.ts';
import { dispatch, drain, jobDeps, ownerNotices, publishEvents, recordingQueue, takeDeliveries } from './delivery.test-helpers.ts';
import { RETRY_DELAYS_SECONDS } from './retry-schedule.ts';
import { endpointIds } from './webhooks.ids.ts';
import { type Behaviour, hookUrl, publishAddress, type Received, received } from './webhooks.test-helpers.ts';

function only<T>(items: readonly T[]): T {
  const [item] = items;
  if (items.length !== 1 || item === undefined) throw new Error(`expected one item, got ${items.length}`);
  return item;
}

function pair<T>(items: readonly T[]): [T, T] {
  const [first, second] = items;
  if (items.length !== 2 || first === undefined || second === undefined) throw new Error(`expected two items, got ${items.length}`);
  return [first, second];
}

async function workspace() {
  const owner = await signUp('Olive Owner');
  const ws = await createWorkspace(owner.cookie, 'Hooks Inc');
  return {
    cookie: owner.cookie,
    email: owner.email,
    base: `/api/v1/w/${ws.slug}/webhooks`,
    slug: ws.slug,
    workspaceId: parsePublicId('workspace', ws.id) as string,
  };
}

type Workspace = Awaited<ReturnType<typeof workspace>>;

async function endpoint(ws: Workspace, behaviour: Behaviour, eventTypes: string[] = []) {
  const hook = hookUrl(behaviour);
  const res = await call('POST', ws.base, { cookie: ws.cookie, body: { url: hook.url, event_types: eventTypes } });
  if (res.status !== 201) throw new Error(`endpoint: ${res.status} ${res.text}`);
  return { ...hook, id: res.json.id as string, uuid: endpointIds.parse(res.json.id) as string, secret: res.json.secret as string };
}

/** Verifies a received request with the independent `standardwebhooks` package; answers the parsed body. */
function verified(secret: string, request: Received) {
  return new Webhook(secret).verify(request.body, request.headers) as { type: string; timestamp: string; data: Record<string, unknown> };
}

async function deliveryRows(endpointUuid: string) {
  return (await inspectSql()`
    select event_id, status, attempt, response_status, response_body, error, duration_ms, next_attempt_at
    from webhook_delivery where endpoint_id = ${endpointUuid} order by created_at, id`) as Array<Record<string, any>>;
}

async function endpointRow(uuid: string) {
  const [row] = (await inspectSql()`select status, disabled_reason, failing_since from webhook_endpoint where id = ${uuid}`) as Array<
    Record<string, any>
  >;
  return row;
}

describe('webhook delivery', () => {
  it('delivers each event once to each endpoint that takes its type, signed so standardwebhooks verifies it; never to another workspace', async () => {
    const a = await workspace();
    const b = await workspace();
    const all = await endpoint(a, 'ok');
    const evenOnly = await endpoint(a, 'ok', ['hooktest.even']);
    const disabled = await endpoint(a, 'ok');
    await call('POST', `${a.base}/${disabled.id}/disable`, { cookie: a.cookie });
    const theirs = await endpoint(b, 'ok');
    const { queue, sent } = recordingQueue();
    const deps = jobDeps(queue);
    const events = await publishEvents(a.workspaceId, 2);
    await dispatch(events, deps);
    await dispatch(events, deps); // a redelivered event adds nothing
    await drain(sent, deps);

    const toAll = await received(all.name);
    expect(toAll.map((r) => r.headers['webhook-id'])).toEqual(events.map((e) => e.id));
    expect(toAll.map((r) => verified(all.secret, r))).toEqual(
      events.map((e) => ({ type: e.type, timestamp: expect.any(String), data: e.payload })),
    );
    const toEven = await received(evenOnly.name);
    expect(toEven.map((r) => verified(evenOnly.secret, r).type)).toEqual(['hooktest.even']);
    expect(await received(disabled.name)).toEqual([]);
    expect(await received(theirs.name)).toEqual([]);
    expect(await deliveryRows(theirs.uuid)).toEqual([]);
    expect(() => verified(evenOnly.secret, { ...toAll[0], headers: { ...toAll[0]?.headers } } as Received)).toThrow();
    expect((await deliveryRows(all.uuid)).map((r) => [r.status, r.attempt, r.response_status])).toEqual([
      ['succeeded', 1, 204],
      ['succeeded', 1, 204],
    ]);
  });

  it('retries a failing endpoint at about 1 min, 5 min, 30 min, 2 h and 12 h with the same webhook-id, then marks the delivery failed and the endpoint failing', async () => {
    const ws = await workspace();
    const hook = await endpoint(ws, 'fail');
    const { queue, sent } = recordingQueue();
    const deps = jobDeps(queue);
    const event = only(await publishEvents(ws.workspaceId, 1));
    await dispatch([event], deps);
    const delays: Array<number | undefined> = [];
    for (let batch = takeDeliveries(sent); batch.length > 0; batch = takeDeliveries(sent)) {
      for (const { payload, delaySeconds } of batch) {
        if (payload.attempt > 1) delays.push(delaySeconds);
        await deliverWebhooks.handle(payload, deps);
        if (payload.attempt === 1) {
          const [row] = await deliveryRows(hook.uuid);
          expect(row).toMatchObject({ status: 'retrying', attempt: 1, response_status: 500, response_body: 'receiver failed on purpose' });
          expect(row?.error).toBe('The endpoint answered 500');
          expect(Date.parse(row?.next_attempt_at) - Date.now()).toBeGreaterThan(50_000);
        }
      }
    }
    expect(delays).toHaveLength(RETRY_DELAYS_SECONDS.length);
    delays.forEach((delay, i) => {
      const base = RETRY_DELAYS_SECONDS[i] as number;
      expect(delay).toBeGreaterThanOrEqual(Math.min(base * 0.9, 43_200));
      expect(delay).toBeLessThanOrEqual(Math.min(Math.ceil(base * 1.1), 43_200));
    });
    const hits = await received(hook.name);
    expect(hits).toHaveLength(6);
    expect(new Set(hits.map((h) => h.headers['webhook-id']))).toEqual(new Set([event.id]));
    for (const hit of hits) verified(hook.secret, hit);
    expect(await deliveryRows(hook.uuid)).toMatchObject([{ status: 'failed', attempt: 6, next_attempt_at: null }]);
    expect(await endpointRow(hook.uuid)).toMatchObject({ status: 'failing', failing_since: expect.anything() });

    // The owners hear of it once, through the outbox: a second exhausted delivery adds no notice.
    const notices = await ownerNotices(ws.workspaceId);
    expect(notices).toMatchObject([{ type: 'webhook.endpoint_failing', payload: { endpointId: hook.uuid, url: hook.url } }]);
    await dispatch(notices, deps);
    await dispatch(notices, deps); // a redelivered notice mails nobody twice
    const mails = await mailFor(ws.email, 'webhook-failing');
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe('A webhook endpoint of Hooks Inc is failing');
    expect(mails[0]?.text).toContain(hook.url);
    expect(takeDeliveries(sent)).toEqual([]); // the notice is not a webhook event
    await dispatch(await publishEvents(ws.workspaceId, 1, 1), deps);
    for (let batch = takeDeliveries(sent); batch.length > 0; batch = takeDeliveries(sent)) {
      for (const { payload } of batch) await deliverWebhooks.handle(payload, deps);
    }
    expect(await ownerNotices(ws.workspaceId)).toHaveLength(1);
  });

  it('mails every owner, and no one else, when an endpoint turns failing or is disabled', async () => {
    const ws = await workspace();
    const second = await signUp('Otto Owner');
    const admin = await signUp('Adam Admin');
    for (const [person, role] of [
      [second, 'owner'],
      [admin, 'admin'],
    ] as const) {
      await inspectSql()`insert into membership (id, workspace_id, user_id, role)
        values (${crypto.randomUUID()}, ${ws.workspaceId}, ${parsePublicId('user', person.user.id)}, ${role})`;
    }
    const failing = await endpoint(ws, 'fail');
    const gone = await endpoint(ws, 'gone');
    const { queue, sent } = recordingQueue();
    const deps = jobDeps(queue);
    await dispatch(await publishEvents(ws.workspaceId, 1), deps);
    await drain(sent, deps);
    const notices = await ownerNotices(ws.workspaceId);
    expect(notices.map((n) => [n.type, n.payload.endpointId]).sort()).toEqual([
      ['webhook.endpoint_disabled', gone.uuid],
      ['webhook.endpoint_failing', failing.uuid],
    ]);
    await dispatch(notices, deps);
    for (const to of [ws.email, second.email]) {
      const [disabledMail, ...moreDisabled] = await mailFor(to, 'webhook-disabled');
      expect(moreDisabled).toEqual([]);
      expect(disabledMail?.subject).toBe('A webhook endpoint of Hooks Inc was disabled');
      expect(disabledMail?.text).toContain(gone.url);
      expect(disabledMail?.text).toContain('The endpoint answered 410 Gone');
      const [failingMail, ...moreFailing] = await mailFor(to, 'webhook-failing');
      expect(moreFailing).toEqual([]);
      expect(failingMail?.text).toContain(failing.url);
    }
    expect(await mailFor(admin.email, 'webhook-disabled', { timeoutMs: 0 })).toEqual([]);
    expect(await mailFor(admin.email, 'webhook-failing', { timeoutMs: 0 })).toEqual([]);
  });

  it('honours Retry-After, disables the endpoint on 410, and fails a redirect without following it', async () => {
    const ws = await workspace();
    const later = await endpoint(ws, 'retry-after');
    const gone = await endpoint(ws, 'gone');
    const redirect = await endpoint(ws, 'redirect');
    const { queue, sent } = recordingQueue();
    const deps = jobDeps(queue);
    await dispatch(await publishEvents(ws.workspaceId, 1), deps);
    for (const { payload } of takeDeliveries(sent)) await deliverWebhooks.handle(payload, deps);
    const retries = takeDeliveries(sent);
    const retryOf = async (uuid: string) => {
      const [row] = (await inspectSql()`select id from webhook_delivery where endpoint_id = ${uuid}`) as Array<{ id: string }>;
      return retries.find((r) => r.payload.delivery_ids.includes(row?.id as string));
    };
    expect((await retryOf(later.uuid))?.delaySeconds).toBe(120);
    expect(await retryOf(gone.uuid)).toBeUndefined();
    expect(await retryOf(redirect.uuid)).toBeDefined();
    expect(await endpointRow(gone.uuid)).toMatchObject({ status: 'disabled', disabled_reason: 'The endpoint answered 410 Gone' });
    expect(await deliveryRows(gone.uuid)).toMatchObject([{ status: 'failed', response_status: 410 }]);
    expect(await deliveryRows(redirect.uuid)).toMatchObject([
      { status: 'retrying', response_status: 302, error: expect.stringMatching(/^Redirect to \/hooks\/ok\/.+ not followed$/) },
    ]);
    expect((await received(redirect.name)).map((r) => r.behaviour)).toEqual(['redirect']);
    // A later event skips the disabled endpoint.
    await dispatch(await publishEvents(ws.workspaceId, 1, 1), deps);
    await drain(sent, deps);
    expect(await received(gone.name)).toHaveLength(1);
  });

  it('gives up on an endpoint after 10 seconds and keeps only the first 4 KiB of an answer', async () => {
    const ws = await workspace();
    const slow = await endpoint(ws, 'slow');
    const big = await endpoint(ws, 'big');
    const { queue, sent } = recordingQueue();
    const deps = jobDeps(queue);
    await dispatch(await publishEvents(ws.workspaceId, 1), deps);
    await Promise.all(takeDeliveries(sent).map(({ payload }) => deliverWebhooks.handle(payload, deps)));
    const [timedOut] = await deliveryRows(slow.uuid);
    expect(timedOut).toMatchObject({ status: 'retrying', response_status: null, error: 'No answer within 10 s' });
    expect(timedOut?.duration_ms).toBeGreaterThanOrEqual(9_900);
    expect(timedOut?.duration_ms).toBeLessThan(12_000);
    const [answered] = await deliveryRows(big.uuid);
    expect(answered).toMatchObject({ status: 'succeeded', response_status: 200 });
    expect(answered?.response_body).toBe('x'.repeat(4096));
  }, 40_000);

  it('signs with the old and the new secret for 24 hours after a rotation, then with the new one only', async () => {
    const ws = await workspace();
    const hook = await endpoint(ws, 'ok');
    const rotated = await call('POST', `${ws.base}/${hook.id}/rotate-secret`, { cookie: ws.cookie });
    const { queue, sent } = recordingQueue();
    const deps = jobDeps(queue);
    await dispatch(await publishEvents(ws.workspaceId, 1), deps);
    await drain(sent, deps);
    await inspectSql()`update webhook_endpoint set previous_secret_until = now() - interval '1 second' where id = ${hook.uuid}`;
    await dispatch(await publishEvents(ws.workspaceId, 1, 1), deps);
    await drain(sent, deps);
    const [during, after] = pair(await received(hook.name));
    expect(during.headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(verified(hook.secret, during)).toBeTruthy();
    expect(verified(rotated.json.secret, during)).toBeTruthy();
    expect(after.headers['webhook-signature']?.split(' ')).toHaveLength(1);
    expect(verified(rotated.json.secret, after)).toBeTruthy();
    expect(() => verified(hook.secret, after)).toThrow();
  });

  it('disables an endpoint whose failures have lasted more than 3 days; a success ends a streak', async () => {
    const ws = await workspace();
    const failing = await endpoint(ws, 'fail');
    const healthy = await endpoint(ws, 'ok');
    await inspectSql()`update webhook_endpoint set failing_since = now() - interval '3 days 1 hour' where id in (${failing.uuid}, ${healthy.uuid})`;
    await inspectSql()`update webhook_endpoint set status = 'failing' where id = ${healthy.uuid}`;
    const { queue, sent } = recordingQueue();
    const deps = jobDeps(queue);
    await dispatch(await publishEvents(ws.workspaceId, 1), deps);
    await drain(sent, deps);
    expect(await endpointRow(failing.uuid)).toMatchObject({ status: 'disabled', disabled_reason: 'Failing for more than 3 days' });
    expect(await received(failing.name)).toHaveLength(1);
    expect(await endpointRow(healthy.uuid)).toMatchObject({ status: 'active', failing_since: null });
    const notices = await ownerNotices(ws.workspaceId);
    expect(notices).toMatchObject([
      { type: 'webhook.endpoint_disabled', payload: { endpointId: failing.uuid, reason: 'Failing for more than 3 days' } },
    ]);
    await dispatch(notices, deps);
    const [mail] = await mailFor(ws.email, 'webhook-disabled');
    expect(mail?.text).toContain('Failing for more than 3 days');
  });

  it('checks the URL again at delivery: a name that now resolves to a private address is not called', async () => {
    const ws = await workspace();
    const hook = await endpoint(ws, 'ok');
    const name = `rebound-${crypto.randomUUID().slice(0, 8)}.example`;
    await publishAddress(name, 'A', '10.0.0.7');
    await inspectSql()`update webhook_endpoint set url = ${`https://${name}/hook`} where id = ${hook.uuid}`;
    const { queue, sent } = recordingQueue();
    const deps = jobDeps(queue);
    await dispatch(await publishEvents(ws.workspaceId, 1), deps);
    for (const { payload } of takeDeliveries(sent)) await deliverWebhooks.handle(payload, deps);
    expect(await deliveryRows(hook.uuid)).toMatchObject([
      { status: 'retrying', response_status: null, error: expect.stringMatching(/resolves to an address that is private/) },
    ]);
  });

  it('is safe to run twice, and drops a message whose delivery row never committed after looking once more', async () => {
    const ws = await workspace();
    const hook = await endpoint(ws, 'ok');
    const { queue, sent } = recordingQueue();
    const deps = jobDeps(queue);
    await dispatch(await publishEvents(ws.workspaceId, 1), deps);
    const message = only(takeDeliveries(sent));
    await deliverWebhooks.handle(message.payload, deps);
    expect(await deliverWebhooks.handle(message.payload, deps)).toMatchObject({ attempt: 1, already_made: 1 });
    expect(await received(hook.name)).toHaveLength(1);

    const phantom = { workspace_id: ws.workspaceId, delivery_ids: [crypto.randomUUID()], attempt: 1, recheck: true };
    expect(await deliverWebhooks.handle(phantom, deps)).toMatchObject({ recheck_in_seconds: 10 });
    const again = only(takeDeliveries(sent));
    expect(again).toMatchObject({ payload: { ...phantom, recheck: false }, delaySeconds: 10 });
    expect(await deliverWebhooks.handle(again.payload, deps)).toMatchObject({ dropped: expect.stringMatching(/rolled back/) });
    expect(sent).toEqual([]);
  });

  it('sends one message per event for all its endpoints, claimed in one round trip and, when all succeed, recorded in one more', async () => {
    const ws = await workspace();
    const hooks = [
      await endpoint(ws, 'ok'),
      await endpoint(ws, 'ok'),
      await endpoint(ws, 'ok', ['hooktest.odd']),
      await endpoint(ws, 'ok'),
    ];
    const { queue, sent } = recordingQueue();
    const deps = jobDeps(queue);
    await dispatch(await publishEvents(ws.workspaceId, 1), deps);
    const message = only(takeDeliveries(sent));
    expect(message.payload.delivery_ids).toHaveLength(3);
    await untilBackgroundIdle();
    const before = await roundTrips();
    expect(await deliverWebhooks.handle(message.payload, deps)).toEqual({ attempt: 1, succeeded: 3 });
    const after = await roundTrips();
    expect({ sql: after.sqlRequests - before.sqlRequests, sessions: after.wsConnections - before.wsConnections }).toEqual({
      sql: 2,
      sessions: 0,
    });
    for (const hook of hooks) expect(await received(hook.name)).toHaveLength(hook === hooks[2] ? 0 : 1);
    expect(sent).toEqual([]);
  });

  it('settles a message whose deliveries went differently: each success, retry and 410 on its own terms', async () => {
    const ws = await workspace();
    const ok = await endpoint(ws, 'ok');
    const failing = await endpoint(ws, 'fail');
    const gone = await endpoint(ws, 'gone');
    const { queue, sent } = recordingQueue();
    const deps = jobDeps(queue);
    await dispatch(await publishEvents(ws.workspaceId, 1), deps);
    const message = only(takeDeliveries(sent));
    expect(await deliverWebhooks.handle(message.payload, deps)).toMatchObject({ attempt: 1, succeeded: 1, retrying: 1, failed: 1 });
    const retry = only(takeDeliveries(sent));
    expect(retry.payload).toMatchObject({ delivery_ids: [expect.any(String)], attempt: 2 });
    expect(retry.delaySeconds).toBeGreaterThanOrEqual(54);
    expect(await deliveryRows(ok.uuid)).toMatchObject([{ status: 'succeeded', response_status: 204 }]);
    expect(await deliveryRows(failing.uuid)).toMatchObject([{ status: 'retrying', response_status: 500 }]);
    expect(await deliveryRows(gone.uuid)).toMatchObject([{ status: 'failed', response_status: 410 }]);
    expect(await endpointRow(gone.uuid)).toMatchObject({ status: 'disabled' });
  });

  it('leaves an attempt another message holds to that message, and repeats it as the next attempt once its claim has run out', async () => {
    const ws = await workspace();
    const hook = await endpoint(ws, 'ok');
    const { queue, sent } = recordingQueue();
    const deps = jobDeps(queue);
    await dispatch(await publishEvents(ws.workspaceId, 1), deps);
    const message = only(takeDeliveries(sent));
    await inspectSql()`update webhook_delivery set attempt = 1, claimed_until = now() + interval '1 minute' where endpoint_id = ${hook.uuid}`;
    expect(await deliverWebhooks.handle(message.payload, deps)).toEqual({ attempt: 1, under_way: 1 });
    expect(await received(hook.name)).toEqual([]);
    const later = only(takeDeliveries(sent));
    expect(later).toMatchObject({ payload: message.payload, delaySeconds: 60 });
    await inspectSql()`update webhook_delivery set claimed_until = now() - interval '1 second' where endpoint_id = ${hook.uuid}`;
    expect(await deliverWebhooks.handle(later.payload, deps)).toEqual({ attempt: 1, succeeded: 1, repeated: 1 });
    expect(await received(hook.name)).toHaveLength(1);
    // The receiver may have had the first try too: the repeat is counted as attempt 2, a documented retry.
    expect(await deliveryRows(hook.uuid)).toMatchObject([{ status: 'succeeded', attempt: 2 }]);
    const inbox = ((await call('GET', '/api/dev/webhooks')).json.data as SentWebhook[]).filter((s) => s.endpointUrl === hook.url);
    expect(inbox.map((s) => s.attempt)).toEqual([2]);
  });

  it('repeats a taken-over attempt again when the repeat stops too, and schedules its retry from the delivery’s own count', async () => {
    const ws = await workspace();
    const hook = await endpoint(ws, 'fail');
    const { queue, sent } = recordingQueue();
    const deps = jobDeps(queue);
    await dispatch(await publishEvents(ws.workspaceId, 1), deps);
    const message = only(takeDeliveries(sent));
    // Attempt 1 was taken over once already (attempt 2), and that repeat stopped without a word too.
    await inspectSql()`update webhook_delivery set attempt = 2, claimed_until = now() - interval '1 second' where endpoint_id = ${hook.uuid}`;
    const result = (await deliverWebhooks.handle(message.payload, deps)) as Record<string, number>;
    expect(result).toMatchObject({ attempt: 1, retrying: 1, repeated: 1 });
    // The wait after a third attempt (30 min ± 10 %), not after the message's first.
    expect(result.retry_in_seconds).toBeGreaterThanOrEqual(RETRY_DELAYS_SECONDS[2] * 0.9);
    expect(result.retry_in_seconds).toBeLessThanOrEqual(RETRY_DELAYS_SECONDS[2] * 1.1);
    expect(await deliveryRows(hook.uuid)).toMatchObject([{ status: 'retrying', attempt: 3, response_status: 500 }]);
    expect(only(takeDeliveries(sent)).payload).toMatchObject({ attempt: 4 });
  });

  it('still runs a message of version 1, which names one delivery', async () => {
    const ws = await workspace();
    const hook = await endpoint(ws, 'ok');
    const { queue, sent } = recordingQueue();
    const deps = jobDeps(queue);
    await dispatch(await publishEvents(ws.workspaceId, 1), deps);
    const [deliveryId] = only(takeDeliveries(sent)).payload.delivery_ids;
    const v1 = (await jobRegistry()).find('webhooks.deliver', 1);
    const payload = v1?.payload.parse({ workspace_id: ws.workspaceId, delivery_id: deliveryId, attempt: 1 });
    expect(await v1?.handle(payload, deps)).toEqual({ attempt: 1, succeeded: 1 });
    expect(await deliveryRows(hook.uuid)).toMatchObject([{ status: 'succeeded', attempt: 1 }]);
  });

  it('keeps every attempt in the development webhook inbox: endpoint, event type, webhook-id, answer and body', async () => {
    const ws = await workspace();
    const ok = await endpoint(ws, 'ok');
    const failing = await endpoint(ws, 'fail');
    const { queue, sent } = recordingQueue();
    const deps = jobDeps(queue);
    const event = only(await publishEvents(ws.workspaceId, 1));
    await dispatch([event], deps);
    for (const { payload } of takeDeliveries(sent)) await deliverWebhooks.handle(payload, deps);

    const listed = (await call('GET', '/api/dev/webhooks')).json.data as SentWebhook[];
    const mine = listed.filter((s) => s.webhookId === event.id);
    expect(mine.map((s) => [s.endpointUrl, s.eventType, s.attempt, s.responseStatus]).sort()).toEqual([
      [failing.url, 'hooktest.even', 1, 500],
      [ok.url, 'hooktest.even', 1, 204],
    ]);
    const [first] = await received(ok.name);
    expect(mine.find((s) => s.endpointUrl === ok.url)?.body).toBe(first?.body);
    const page = await call('GET', '/dev/webhooks');
    expect(page.status).toBe(200);
    expect(page.text).toContain(ok.url);
    expect(page.text).toContain(event.id);
  });
});

describe('the development webhook inbox', () => {
  async function fetchWith(path: string, overrides: Record<string, unknown>) {
    const { NEON_LOCAL_PROXY: _, WEBHOOK_EXEMPT_ORIGINS: _exempt, ...rest } = env as unknown as Record<string, unknown>;
    const ctx = createExecutionContext();
    const response = await (await appWithEveryRoute()).fetch(
      new Request(`http://localhost:8787${path}`, { headers: { 'cf-connecting-ip': '10.201.0.2' } }),
      { ...rest, MAIL_FROM: 'Edge SaaS <no-reply@example.com>', ...overrides } as unknown as typeof env,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    return { status: response.status, text: await response.text() };
  }

  it.each(['/api/dev/webhooks', '/dev/webhooks'])('answers 404 for %s in production and preview', async (path) => {
    const production = await fetchWith(path, { APP_ENV: 'production', MAIL_PROVIDER: 'resend' });
    expect(production.status).toBe(404);
    expect(JSON.parse(production.text).error.code).toBe('NOT_FOUND');
    expect((await fetchWith(path, { APP_ENV: 'preview', MAIL_PROVIDER: 'postmark' })).status).toBe(404);
    expect((await fetchWith(path, {})).status).toBe(200);
  });
});
