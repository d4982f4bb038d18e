import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import worker from '../index.ts';
import { call, createWorkspace, origin, randomIp, signUp } from '../test/client.ts';
import { inspectSql } from '../test/db.ts';

// A database outage is answered as one (docs/decisions/030-bounded-jobs-and-outages.md): 503
// DATABASE_UNAVAILABLE with Retry-After in the one envelope, for reads, writes and the readiness
// check, while `/health` (liveness) stays 200. Two shapes of outage, both through the real worker:
// the Neon endpoint itself unreachable, and the endpoint up with the PostgreSQL server behind it
// down (as under `npm run dev` with the server stopped).

const bindings = env as unknown as Record<string, string>;

const outages = {
  'the database endpoint is unreachable': { NEON_LOCAL_PROXY: '127.0.0.1:1' },
  'the database behind the endpoint is down': {
    NEON_LOCAL_PROXY: bindings.TEST_OUTAGE_NEON_LOCAL_PROXY,
    DATABASE_URL: bindings.TEST_UNREACHABLE_DATABASE_URL,
  },
} as const;

/** Sends a request through the worker entry with the database bindings replaced, as a browser would. */
async function callDuringOutage(
  outage: Record<string, string | undefined>,
  method: string,
  path: string,
  options: { cookie?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const headers = new Headers({ 'cf-connecting-ip': randomIp(), ...options.headers });
  if (options.cookie) headers.set('cookie', options.cookie);
  if (method !== 'GET') headers.set('origin', origin);
  if (options.body !== undefined) headers.set('content-type', 'application/json');
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`${origin}${path}`, { method, headers, body }), { ...env, ...outage } as Env, ctx);
  await waitOnExecutionContext(ctx);
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: JSON.parse(text) as Record<string, any> };
}

function expectOutageAnswer(res: Awaited<ReturnType<typeof callDuringOutage>>) {
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe('5');
  expect(res.json).toEqual({
    error: { code: 'DATABASE_UNAVAILABLE', message: expect.any(String), request_id: res.headers.get('x-request-id') },
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

for (const [name, outage] of Object.entries(outages)) {
  describe(`when ${name}`, () => {
    it('answers reads and writes 503 DATABASE_UNAVAILABLE with Retry-After, in the one envelope', async () => {
      vi.spyOn(console, 'log').mockImplementation(() => {});
      const owner = await signUp('Outage');
      const ws = await createWorkspace(owner.cookie, 'Outage');
      const teams = `/api/v1/w/${ws.slug}/teams`;

      // A tenant read (one HTTP round trip), a batched write (HTTP), an interactive write (WebSocket,
      // opened by the idempotency link), and a write before sign-in.
      expectOutageAnswer(await callDuringOutage(outage, 'GET', teams, { cookie: owner.cookie }));
      expectOutageAnswer(await callDuringOutage(outage, 'POST', teams, { cookie: owner.cookie, body: { name: 'lost' } }));
      expectOutageAnswer(
        await callDuringOutage(outage, 'POST', teams, {
          cookie: owner.cookie,
          body: { name: 'kept' },
          headers: { 'idempotency-key': 'outage-1' },
        }),
      );
      expectOutageAnswer(
        await callDuringOutage(outage, 'POST', '/api/v1/auth/login', { body: { email: owner.email, password: owner.password } }),
      );

      // Once the database is back, the write retried with its key is applied, once.
      const retried = await call('POST', teams, {
        cookie: owner.cookie,
        body: { name: 'kept' },
        headers: { 'idempotency-key': 'outage-1' },
      });
      expect(retried.status).toBe(201);
      const replayed = await call('POST', teams, {
        cookie: owner.cookie,
        body: { name: 'kept' },
        headers: { 'idempotency-key': 'outage-1' },
      });
      expect(replayed.headers.get('idempotent-replayed')).toBe('true');
      const names = await inspectSql()`select t.name from team t join workspace w on w.id = t.workspace_id where w.slug = ${ws.slug}`;
      expect(names).toEqual([{ name: 'kept' }]);
    });

    it('reports the database in /health/ready (503), while /health stays a liveness check (200)', async () => {
      vi.spyOn(console, 'log').mockImplementation(() => {});
      expectOutageAnswer(await callDuringOutage(outage, 'GET', '/health/ready'));
      const live = await callDuringOutage(outage, 'GET', '/health');
      expect(live.status).toBe(200);
      expect(live.json).toEqual({ status: 'ok' });
    });
  });
}

describe('readiness with the database up', () => {
  it('answers 200 with the database ok', async () => {
    const res = await call('GET', '/health/ready');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'ok', database: 'ok' });
  });

  it('leaves query errors what they are: a taken slug is still 409, not an outage', async () => {
    const owner = await signUp('Taken');
    const ws = await createWorkspace(owner.cookie, 'Taken');
    const again = await call('POST', '/api/v1/workspaces', { cookie: owner.cookie, body: { name: 'Again', slug: ws.slug } });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('SLUG_TAKEN');
  });
});
