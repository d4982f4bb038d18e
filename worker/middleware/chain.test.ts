import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { appWithEveryRoute } from '../app.ts';
import { AppError } from '../kernel/errors.ts';
import { MAX_IN_FLIGHT } from './load-shedding.ts';
import { call, signUp, unique } from '../test/client.ts';

/** Calls an app built here (so routes can be added) with the given bindings, like the runtime would. */
async function fetchApp(app: { fetch: Awaited<ReturnType<typeof appWithEveryRoute>>['fetch'] }, request: Request, bindings: object = env) {
  const ctx = createExecutionContext();
  const response = await app.fetch(request, bindings as typeof env, ctx);
  await waitOnExecutionContext(ctx);
  const text = await response.text();
  let json: Record<string, any> | null = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, text, json: json as Record<string, any> };
}

const get = (path: string, headers: Record<string, string> = {}) =>
  new Request(`http://localhost:8787${path}`, { headers: { 'cf-connecting-ip': '10.200.0.1', ...headers } });

/** Every JSON line written to console.log while the spy is active. */
function captureLogs() {
  const spy = vi.spyOn(console, 'log').mockImplementation(() => {});
  const lines = () => spy.mock.calls.map((args) => args.map(String).join(' '));
  const records = () =>
    lines().flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, any>];
      } catch {
        return [];
      }
    });
  return { lines, records };
}

afterEach(() => {
  vi.restoreAllMocks();
});

const mintedId = /^req_[0-9a-z]{25}$/;

describe('recovery', () => {
  const secretMessage = `db password is ${unique('hunter2')}`;

  async function boomApp() {
    const app = await appWithEveryRoute();
    app.get('/api/v1/boom', () => {
      throw new Error(secretMessage);
    });
    app.get('/api/v1/known', () => {
      throw new AppError('CONFLICT', 'Already there');
    });
    return app;
  }

  it('turns an unexpected Error into a 500 INTERNAL envelope; the message and stack go only to the log', async () => {
    const logs = captureLogs();
    const res = await fetchApp(await boomApp(), get('/api/v1/boom'));
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toMatch(mintedId);
    expect(res.json).toEqual({ error: { code: 'INTERNAL', message: 'Something went wrong', request_id: requestId } });
    expect(res.text).not.toContain(secretMessage);
    expect(res.text).not.toContain('chain.test');
    expect(res.text).not.toMatch(/\bat\s/);

    const logged = logs.records().find((r) => r.message === 'unhandled error');
    expect(logged).toMatchObject({ level: 'error', code: 'INTERNAL', request_id: requestId });
    expect(logged?.error).toBe(`Error: ${secretMessage}`);
    expect(logged?.stack).toContain(secretMessage);
    expect(logged?.stack).toContain('chain.test');
    // The request line is still written, with the final status.
    const line = logs.records().find((r) => r.message === 'request' && r.request_id === requestId);
    expect(line).toMatchObject({ status: 500, route: '/api/v1/boom', method: 'GET' });
  });

  it('passes an AppError through with its own status and code, and does not log it as unhandled', async () => {
    const logs = captureLogs();
    const res = await fetchApp(await boomApp(), get('/api/v1/known'));
    expect(res.status).toBe(409);
    expect(res.json).toEqual({
      error: { code: 'CONFLICT', message: 'Already there', request_id: res.headers.get('x-request-id') },
    });
    expect(logs.records().some((r) => r.message === 'unhandled error')).toBe(false);
  });

  it('turns a thrown non-Error value (e.g. an ErrorEvent from a socket) into the same 500 envelope', async () => {
    const app = await appWithEveryRoute();
    app.get('/api/v1/odd', () => {
      throw { type: 'error', message: secretMessage };
    });
    const logs = captureLogs();
    const res = await fetchApp(app, get('/api/v1/odd'));
    expect(res.status).toBe(500);
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toMatch(mintedId);
    expect(res.json).toEqual({ error: { code: 'INTERNAL', message: 'Something went wrong', request_id: requestId } });
    expect(res.text).not.toContain(secretMessage);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(logs.records().find((r) => r.message === 'unhandled error')).toMatchObject({
      request_id: requestId,
      error: `Object: ${secretMessage}`,
    });
    expect(logs.records().find((r) => r.message === 'request' && r.request_id === requestId)).toMatchObject({ status: 500 });
    const span = logs
      .records()
      .filter((r) => r.message === 'request' && r.request_id === requestId)
      .flatMap((r) => r.spans)
      .find((s) => s.name === 'http.request');
    expect(span).toMatchObject({ status: 'error', attributes: { 'http.response.status_code': 500 } });
  });

  it('answers an unknown route with the 404 envelope', async () => {
    const res = await call('GET', '/api/v1/no-such-route');
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: { code: 'NOT_FOUND', message: 'No such route', request_id: res.headers.get('x-request-id') } });
  });
});

describe('load shedding', () => {
  it(`sheds the request beyond ${MAX_IN_FLIGHT} in flight with 503 OVERLOADED, logged by its request line alone`, async () => {
    const app = await appWithEveryRoute();
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    app.get('/api/v1/held', async (c) => {
      await gate;
      return c.json({ ok: true });
    });
    const logs = captureLogs();
    const held = Array.from({ length: MAX_IN_FLIGHT }, (_, i) =>
      fetchApp(app, new Request('http://localhost:8787/api/v1/held', { headers: { 'cf-connecting-ip': `10.201.${i >> 8}.${i & 255}` } })),
    );
    // Each held request passes the links before its handler; the shed one must find all of them in flight.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const shed = await fetchApp(app, get('/api/v1/held'));
    release();
    const admitted = await Promise.all(held);

    expect(admitted.map((r) => r.status)).toEqual(Array(MAX_IN_FLIGHT).fill(200));
    expect(shed.status).toBe(503);
    expect(shed.headers.get('retry-after')).toBe('1');
    expect(shed.json).toEqual({
      error: { code: 'OVERLOADED', message: 'The service is busy; retry in 1 second', request_id: shed.headers.get('x-request-id') },
    });
    const shedLines = logs.records().filter((r) => r.request_id === shed.headers.get('x-request-id'));
    expect(shedLines.map((r) => [r.message, r.status])).toEqual([['request', 503]]);
    expect((await fetchApp(app, get('/api/v1/held'))).status).toBe(200);
  });
});

describe('request id', () => {
  it('echoes a safe incoming X-Request-ID on the response and in error bodies', async () => {
    const ok = await call('GET', '/health', { headers: { 'x-request-id': 'abc-123' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-request-id')).toBe('abc-123');

    const notFound = await call('GET', '/api/v1/nothing-here', { headers: { 'x-request-id': 'abc-123' } });
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get('x-request-id')).toBe('abc-123');
    expect(notFound.json.error.request_id).toBe('abc-123');

    const dotted = await call('GET', '/api/v1/me', { headers: { 'x-request-id': 'edge:7f.A_b-9' } });
    expect(dotted.status).toBe(401);
    expect(dotted.json.error.request_id).toBe('edge:7f.A_b-9');
  });

  it.each([
    ['too long', 'a'.repeat(65)],
    ['spaces', 'abc 123'],
    ['markup', '<script>alert(1)</script>'],
    ['quotes', 'abc"123'],
  ])('replaces an unsafe incoming X-Request-ID (%s) with a minted one', async (_, incoming) => {
    const res = await call('GET', '/api/v1/nothing-here', { headers: { 'x-request-id': incoming } });
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(mintedId);
    expect(res.json.error.request_id).toBe(id);
    expect(res.text).not.toContain('<script>');
  });

  it('accepts exactly 64 characters', async () => {
    const incoming = 'b'.repeat(64);
    const res = await call('GET', '/health', { headers: { 'x-request-id': incoming } });
    expect(res.headers.get('x-request-id')).toBe(incoming);
  });

  it('puts an id on every response: 200, 400, 401, 404, 500, and a distinct one per request', async () => {
    const app = await appWithEveryRoute();
    app.get('/api/v1/boom', () => {
      throw new Error('boom');
    });
    const responses = [
      await call('GET', '/health'),
      await call('GET', '/health?x=1'),
      await call('GET', '/api/v1/me'),
      await call('GET', '/api/v1/nothing-here'),
      await fetchApp(app, get('/api/v1/boom')),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 400, 401, 404, 500]);
    const ids = responses.map((r) => r.headers.get('x-request-id'));
    for (const id of ids) expect(id).toMatch(mintedId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of responses.slice(1)) expect(r.json.error.request_id).toBe(r.headers.get('x-request-id'));
  });
});

describe('security headers', () => {
  let cookie: string;
  beforeAll(async () => {
    ({ cookie } = await signUp());
  }, 30_000);

  function expectBaseline(headers: Headers) {
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(headers.get('strict-transport-security')).toBeNull();
  }

  it('are on health, API JSON, HTML, 404, 400, 401 and 500 responses (no HSTS in the test environment)', async () => {
    const app = await appWithEveryRoute();
    app.get('/api/v1/boom', () => {
      throw new Error('boom');
    });
    const responses = {
      health: await call('GET', '/health'),
      me: await call('GET', '/api/v1/me', { cookie }),
      openapi: await call('GET', '/api/v1/openapi.json'),
      docs: await call('GET', '/api/v1/docs'),
      notFound: await call('GET', '/api/v1/nothing-here'),
      badQuery: await call('GET', '/health?x=1'),
      unauthenticated: await call('GET', '/api/v1/me'),
      internal: await fetchApp(app, get('/api/v1/boom')),
    };
    expect(Object.fromEntries(Object.entries(responses).map(([k, r]) => [k, r.status]))).toEqual({
      health: 200,
      me: 200,
      openapi: 200,
      docs: 200,
      notFound: 404,
      badQuery: 400,
      unauthenticated: 401,
      internal: 500,
    });
    for (const r of Object.values(responses)) expectBaseline(r.headers);
  });

  it("give the Worker's HTML a policy that runs only the origin's own scripts, and JSON one that loads nothing", async () => {
    const docs = await call('GET', '/api/v1/docs');
    expect(docs.headers.get('content-type')).toMatch(/^text\/html/);
    const htmlPolicy = docs.headers.get('content-security-policy') ?? '';
    expect(htmlPolicy).toContain("default-src 'none'");
    expect(htmlPolicy).toContain("script-src 'self';");
    expect(htmlPolicy).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    const health = await call('GET', '/health');
    expect(health.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('marks authenticated JSON no-store, and leaves public responses alone', async () => {
    const me = await call('GET', '/api/v1/me', { cookie });
    expect(me.headers.get('cache-control')).toBe('no-store');
    const workspaces = await call('GET', '/api/v1/workspaces', { cookie });
    expect(workspaces.status).toBe(200);
    expect(workspaces.headers.get('cache-control')).toBe('no-store');
    const health = await call('GET', '/health');
    expect(health.headers.get('cache-control')).not.toBe('no-store');
  });

  it('adds HSTS in production', async () => {
    const { NEON_LOCAL_PROXY: _, WEBHOOK_EXEMPT_ORIGINS: _exempt, ...rest } = env as unknown as Record<string, unknown>;
    const production = { ...rest, APP_ENV: 'production', MAIL_PROVIDER: 'resend', MAIL_FROM: 'no-reply@example.com' };
    const res = await fetchApp(await appWithEveryRoute(), get('/health'), production);
    expect(res.status).toBe(200);
    expect(res.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains; preload');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('configuration through HTTP', () => {
  it('answers 500 BAD_ENVIRONMENT naming the missing variable, never a value', async () => {
    const { APP_SECRET: _, ...withoutSecret } = env as unknown as Record<string, unknown>;
    // Every other secret-bearing variable holds a value of its own, so its absence from the answer
    // means something whether or not the machine provides that service.
    const present = {
      DATABASE_URL: String(env.DATABASE_URL),
      NEON_LOCAL_PROXY: String(env.NEON_LOCAL_PROXY),
      APP_ORIGIN: String(env.APP_ORIGIN),
      UPSTASH_REDIS_REST_TOKEN: unique('upstash-token'),
    };
    for (const value of Object.values(present)) expect(value.length).toBeGreaterThan(8);
    const logs = captureLogs();
    const res = await fetchApp(await appWithEveryRoute(), get('/health'), { ...withoutSecret, ...present });
    expect(res.status).toBe(500);
    expect(res.json.error.code).toBe('BAD_ENVIRONMENT');
    expect(res.json.error.message).toContain('APP_SECRET');
    expect(res.json.error.request_id).toBe(res.headers.get('x-request-id'));
    for (const value of Object.values(present)) expect(res.text).not.toContain(value);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(logs.records().find((r) => r.message === 'unhandled error')?.code).toBe('BAD_ENVIRONMENT');
  });

  it('does not echo a secret that is present but invalid', async () => {
    const weak = unique('short-secret');
    const res = await fetchApp(await appWithEveryRoute(), get('/health'), { ...env, APP_SECRET: weak });
    expect(res.status).toBe(500);
    expect(res.json.error.code).toBe('BAD_ENVIRONMENT');
    expect(res.json.error.message).toContain('APP_SECRET');
    expect(res.text).not.toContain(weak);
  });
});
