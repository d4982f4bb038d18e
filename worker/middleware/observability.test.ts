import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parsePublicId } from '../kernel/ids.ts';
import { call, createWorkspace, sessionCookieFrom, signUp, unique } from '../test/client.ts';
import { ownerSql } from '../test/db.ts';
import type { SpanRecord } from './tracing.ts';
import { apiKeyIds } from '../modules/api-keys/api-keys.ids.ts';

/** Every console.log line while the spy is active; the worker runs in this isolate. */
function captureLogs() {
  const spy = vi.spyOn(console, 'log').mockImplementation(() => {});
  const lines = () => spy.mock.calls.map((args) => args.map(String).join(' '));
  const records = () => lines().map((line) => JSON.parse(line) as Record<string, any>);
  return { lines, records };
}

afterEach(() => {
  vi.restoreAllMocks();
});

const hex = (bytes: number) => Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');

function spansOf(records: Record<string, any>[], requestId: string): SpanRecord[] {
  return records.filter((r) => r.message === 'request' && r.request_id === requestId).flatMap((r) => r.spans);
}

describe('request log', () => {
  let owner: Awaited<ReturnType<typeof signUp>>;
  let ws: { id: string; slug: string };
  beforeAll(async () => {
    owner = await signUp();
    ws = await createWorkspace(owner.cookie);
  }, 30_000);

  it('writes one JSON line per request with the route pattern, actor, workspace and trace', async () => {
    const logs = captureLogs();
    const requestId = unique('log');
    const res = await call('GET', `/api/v1/w/${ws.slug}/teams`, { cookie: owner.cookie, headers: { 'x-request-id': requestId } });
    expect(res.status).toBe(200);

    // Every line is JSON; exactly one is the request line of this request.
    expect(logs.lines().length).toBeGreaterThan(0);
    const mine = logs.records().filter((r) => r.message === 'request' && r.request_id === requestId);
    expect(mine).toHaveLength(1);
    const traceId = /^00-([0-9a-f]{32})-[0-9a-f]{16}-01$/.exec(res.headers.get('traceparent') ?? '')?.[1];
    expect(traceId).toBeDefined();
    expect(mine[0]).toMatchObject({
      level: 'info',
      method: 'GET',
      route: '/api/v1/w/:workspace/teams',
      status: 200,
      workspace_id: parsePublicId('workspace', ws.id),
      actor_type: 'user',
      actor_id: parsePublicId('user', owner.user.id),
      trace_id: traceId,
    });
    expect(typeof mine[0]?.duration_ms).toBe('number');
    expect(mine[0]?.duration_ms).toBeGreaterThanOrEqual(0);
    expect(mine[0]?.time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('logs the status of failed requests and names an API-key actor', async () => {
    const created = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie: owner.cookie, body: { name: 'logs', role: 'admin' } });
    expect(created.status).toBe(201);
    const logs = captureLogs();

    const anonymous = await call('GET', '/api/v1/me');
    const byKey = await call('POST', `/api/v1/w/${ws.slug}/teams`, { apiKey: created.json.key, body: { name: 'From a key' } });
    expect([anonymous.status, byKey.status]).toEqual([401, 201]);

    const lineOf = (res: { headers: Headers }) => {
      const found = logs.records().filter((r) => r.message === 'request' && r.request_id === res.headers.get('x-request-id'));
      expect(found).toHaveLength(1);
      return found[0];
    };
    expect(lineOf(anonymous)).toMatchObject({ status: 401, method: 'GET', actor_type: null, actor_id: null, workspace_id: null });
    expect(lineOf(byKey)).toMatchObject({
      status: 201,
      method: 'POST',
      route: '/api/v1/w/:workspace/teams',
      actor_type: 'api_key',
      actor_id: apiKeyIds.parse(created.json.id),
      workspace_id: parsePublicId('workspace', ws.id),
    });
  });

  it('never writes a password, session token or API key', async () => {
    const logs = captureLogs();
    const email = `${unique('secrets')}@example.com`;
    const password = `pw-${crypto.randomUUID()}`;
    const wrongPassword = `wrong-${crypto.randomUUID()}`;

    const signup = await call('POST', '/api/v1/auth/signup', { body: { email, password, name: 'Secret Keeper' } });
    expect(signup.status).toBe(201);
    const signupCookie = sessionCookieFrom(signup.headers);
    // API keys need a verified address (as if the mailed link had been used).
    await ownerSql()`update "user" set email_verified_at = now() where email = ${email}`;
    const wrong = await call('POST', '/api/v1/auth/login', { body: { email, password: wrongPassword } });
    expect(wrong.status).toBe(401);
    const login = await call('POST', '/api/v1/auth/login', { body: { email, password }, cookie: signupCookie });
    expect(login.status).toBe(200);
    const cookie = sessionCookieFrom(login.headers);
    const workspace = await call('POST', '/api/v1/workspaces', { cookie, body: { name: 'Secrets', slug: unique('sec') } });
    expect(workspace.status).toBe(201);
    const key = await call('POST', `/api/v1/w/${workspace.json.slug}/api-keys`, { cookie, body: { name: 'ci', role: 'admin' } });
    expect(key.status).toBe(201);
    const apiKey: string = key.json.key;
    const byKey = await call('POST', `/api/v1/w/${workspace.json.slug}/teams`, { apiKey, body: { name: 'Keyed' } });
    expect(byKey.status).toBe(201);
    const listed = await call('GET', `/api/v1/w/${workspace.json.slug}/teams`, { apiKey });
    expect(listed.status).toBe(200);
    const byCookie = await call('POST', `/api/v1/w/${workspace.json.slug}/teams`, { cookie, body: { name: 'Cookied' } });
    expect(byCookie.status).toBe(201);
    const badKey = await call('GET', `/api/v1/w/${workspace.json.slug}/teams`, { apiKey: `${apiKey.slice(0, -4)}AAAA` });
    expect(badKey.status).toBe(401);

    const lines = logs.lines();
    // The capture saw all nine requests, so an absent secret is absent from real output.
    expect(lines.filter((l) => JSON.parse(l).message === 'request')).toHaveLength(9);
    const secrets = {
      password,
      wrongPassword,
      signupToken: signupCookie.split('=')[1] ?? '',
      sessionToken: cookie.split('=')[1] ?? '',
      apiKey,
      apiKeySecretPart: apiKey.slice('sk_live_'.length),
    };
    for (const [name, secret] of Object.entries(secrets)) {
      expect(secret.length, name).toBeGreaterThan(20);
      expect(
        lines.filter((line) => line.includes(secret)),
        name,
      ).toEqual([]);
    }
  });
});

describe('tracing', () => {
  let cookie: string;
  let ws: { id: string; slug: string };
  beforeAll(async () => {
    ({ cookie } = await signUp());
    ws = await createWorkspace(cookie);
  }, 30_000);

  it('continues an incoming trace with a new span and records request and database spans', async () => {
    const traceId = hex(16);
    const parentSpan = hex(8);
    const logs = captureLogs();
    const res = await call('GET', `/api/v1/w/${ws.slug}/teams`, {
      cookie,
      headers: { traceparent: `00-${traceId}-${parentSpan}-01` },
    });
    expect(res.status).toBe(200);
    const outgoing = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/.exec(res.headers.get('traceparent') ?? '');
    expect(outgoing?.[1]).toBe(traceId);
    expect(outgoing?.[2]).not.toBe(parentSpan);

    const spans = spansOf(logs.records(), res.headers.get('x-request-id') ?? '');
    const request = spans.find((s) => s.name === 'http.request');
    expect(request).toMatchObject({
      trace_id: traceId,
      span_id: outgoing?.[2],
      parent_span_id: parentSpan,
      status: 'ok',
      attributes: {
        'http.request.method': 'GET',
        'http.route': '/api/v1/w/:workspace/teams',
        'http.response.status_code': 200,
      },
    });
    const read = spans.find((s) => s.name === 'db.read');
    expect(read).toMatchObject({ trace_id: traceId, parent_span_id: outgoing?.[2], status: 'ok' });
    expect(read?.span_id).toMatch(/^[0-9a-f]{16}$/);
    expect(read?.span_id).not.toBe(outgoing?.[2]);
    expect(BigInt(read?.end_time_unix_nano ?? 0)).toBeGreaterThanOrEqual(BigInt(read?.start_time_unix_nano ?? 1));
    // The request line carries the same trace id.
    const line = logs.records().find((r) => r.message === 'request' && r.request_id === res.headers.get('x-request-id'));
    expect(line?.trace_id).toBe(traceId);
  });

  it.each([
    ['garbage', 'not-a-traceparent'],
    ['upper-case hex', `00-${hex(16).toUpperCase()}-${hex(8)}-01`],
    ['all-zero trace id', `00-${'0'.repeat(32)}-${hex(8)}-01`],
    ['all-zero span id', `00-${hex(16)}-${'0'.repeat(16)}-01`],
    ['version ff', `ff-${hex(16)}-${hex(8)}-01`],
    ['short trace id', `00-${hex(15)}-${hex(8)}-01`],
    ['trailing data', `00-${hex(16)}-${hex(8)}-01-extra`],
  ])('starts a fresh trace for an invalid traceparent (%s)', async (_, traceparent) => {
    const logs = captureLogs();
    const res = await call('GET', '/health', { headers: { traceparent } });
    expect(res.status).toBe(200);
    const outgoing = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/.exec(res.headers.get('traceparent') ?? '');
    expect(outgoing).not.toBeNull();
    expect(traceparent.toLowerCase()).not.toContain(outgoing?.[1]);
    expect(outgoing?.[1]).not.toBe('0'.repeat(32));
    const request = spansOf(logs.records(), res.headers.get('x-request-id') ?? '').find((s) => s.name === 'http.request');
    expect(request).toMatchObject({ trace_id: outgoing?.[1], span_id: outgoing?.[2], parent_span_id: null });
  });

  it('starts a trace when none is sent, and honours the not-sampled flag', async () => {
    const fresh = await call('GET', '/health');
    expect(fresh.headers.get('traceparent')).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

    const traceId = hex(16);
    const logs = captureLogs();
    const unsampled = await call('GET', '/health', { headers: { traceparent: `00-${traceId}-${hex(8)}-00` } });
    expect(unsampled.headers.get('traceparent')).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-00$`));
    const requestId = unsampled.headers.get('x-request-id') ?? '';
    expect(spansOf(logs.records(), requestId)).toEqual([]);
    expect(logs.records().filter((r) => r.message === 'request' && r.request_id === requestId)).toHaveLength(1);
  });
});
