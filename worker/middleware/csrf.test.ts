import { exports } from 'cloudflare:workers';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, createWorkspace, origin, randomIp, sessionCookieFrom, signUp, unique } from '../test/client.ts';
import { ownerSql } from '../test/db.ts';

const foreign = 'https://evil.example';
const allowListed = 'https://app.example.com';

/** Sends exactly the headers given (plus a client address): no Origin is added. */
async function send(method: string, path: string, options: { headers?: Record<string, string>; body?: unknown } = {}) {
  const headers = new Headers(options.headers);
  if (!headers.has('cf-connecting-ip')) headers.set('cf-connecting-ip', randomIp());
  let body: string | undefined;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers.set('content-type', 'application/json');
  }
  const response = await exports.default.fetch(new Request(`${origin}${path}`, { method, headers, body }));
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: (text ? JSON.parse(text) : null) as Record<string, any> };
}

describe('CSRF', () => {
  let cookie: string;
  let ws: { id: string; slug: string };
  let base: string;
  let teamId: string;
  let apiKey: string;

  beforeAll(async () => {
    ({ cookie } = await signUp());
    ws = await createWorkspace(cookie);
    base = `/api/v1/w/${ws.slug}/teams`;
    const key = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie, body: { name: 'csrf', role: 'admin' } });
    expect(key.status).toBe(201);
    apiKey = key.json.key;
  }, 30_000);

  beforeEach(async () => {
    const created = await call('POST', base, { cookie, body: { name: unique('target') } });
    expect(created.status).toBe(201);
    teamId = created.json.id;
  });

  async function teamNames() {
    const res = await call('GET', base, { cookie });
    expect(res.status).toBe(200);
    return (res.json.items as { name: string }[]).map((t) => t.name);
  }

  async function team() {
    return call('GET', `${base}/${teamId}`, { cookie });
  }

  function expectRejected(res: { status: number; json: Record<string, any> }) {
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('CSRF_REJECTED');
  }

  it('refuses cookie-authenticated POST, PATCH and DELETE from a foreign Origin and changes nothing', async () => {
    const name = unique('forged');
    expectRejected(await send('POST', base, { headers: { cookie, origin: foreign }, body: { name } }));
    expect(await teamNames()).not.toContain(name);

    expectRejected(await send('PATCH', `${base}/${teamId}`, { headers: { cookie, origin: foreign }, body: { name } }));
    const before = await team();
    expect(before.json.name).not.toBe(name);

    expectRejected(await send('DELETE', `${base}/${teamId}`, { headers: { cookie, origin: foreign } }));
    expect((await team()).status).toBe(200);

    expectRejected(await send('POST', `/api/v1/w/${ws.slug}/api-keys`, { headers: { cookie, origin: foreign }, body: { name } }));
    const keys = await call('GET', `/api/v1/w/${ws.slug}/api-keys`, { cookie });
    expect((keys.json.items as { name: string }[]).map((k) => k.name)).not.toContain(name);
  });

  it('refuses cookie-authenticated writes carrying neither Origin nor Sec-Fetch-Site, whatever the Content-Type', async () => {
    const name = unique('no-origin');
    expectRejected(await send('POST', base, { headers: { cookie }, body: { name } }));
    expectRejected(await send('PATCH', `${base}/${teamId}`, { headers: { cookie }, body: { name } }));
    // No body and no Content-Type: nothing for a content-type check to catch.
    const bareDelete = await send('DELETE', `${base}/${teamId}`, { headers: { cookie } });
    expectRejected(bareDelete);
    expect(await teamNames()).not.toContain(name);
    expect((await team()).json.name).not.toBe(name);
  });

  it('refuses Origin: null and a cross-site Sec-Fetch-Site without Origin', async () => {
    expectRejected(await send('DELETE', `${base}/${teamId}`, { headers: { cookie, origin: 'null' } }));
    expectRejected(await send('DELETE', `${base}/${teamId}`, { headers: { cookie, 'sec-fetch-site': 'cross-site' } }));
    expectRejected(await send('DELETE', `${base}/${teamId}`, { headers: { cookie, 'sec-fetch-site': 'same-site' } }));
    // A foreign Origin wins over a same-origin claim.
    expectRejected(await send('DELETE', `${base}/${teamId}`, { headers: { cookie, origin: foreign, 'sec-fetch-site': 'same-origin' } }));
    expect((await team()).status).toBe(200);
  });

  it('allows Sec-Fetch-Site: same-origin alone, and allow-listed Origins', async () => {
    const name = unique('same-origin');
    const created = await send('POST', base, { headers: { cookie, 'sec-fetch-site': 'same-origin' }, body: { name } });
    expect(created.status).toBe(201);
    const renamed = unique('from the app');
    const patched = await send('PATCH', `${base}/${teamId}`, {
      headers: { cookie, origin: allowListed },
      body: { name: renamed },
    });
    expect(patched.status).toBe(200);
    expect(patched.json.name).toBe(renamed);
    const deleted = await send('DELETE', `${base}/${teamId}`, { headers: { cookie, 'sec-fetch-site': 'same-origin' } });
    expect(deleted.status).toBe(204);
    expect((await team()).status).toBe(404);
    expect(await teamNames()).toContain(name);
  });

  it('lets API-key requests through without an Origin', async () => {
    const name = unique('keyed');
    const created = await send('POST', base, { headers: { authorization: `Bearer ${apiKey}` }, body: { name } });
    expect(created.status).toBe(201);
    const deleted = await send('DELETE', `${base}/${teamId}`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(deleted.status).toBe(204);
    expect(await teamNames()).toContain(name);
  });

  it('refuses log-in and sign-up from a foreign Origin even without a session', async () => {
    const { email, password } = await signUp();
    const login = await send('POST', '/api/v1/auth/login', { headers: { origin: foreign }, body: { email, password } });
    expectRejected(login);
    expect(login.headers.get('set-cookie')).toBeNull();

    const newEmail = `${unique('forged')}@example.com`;
    const signup = await send('POST', '/api/v1/auth/signup', {
      headers: { origin: foreign },
      body: { email: newEmail, password: 'a good long password', name: 'X' },
    });
    expectRejected(signup);
    expect(await ownerSql()`select count(*)::int as n from "user" where email = ${newEmail}`).toEqual([{ n: 0 }]);

    // A non-browser client with no credential and no Origin may still log in.
    const plain = await send('POST', '/api/v1/auth/login', { body: { email, password } });
    expect(plain.status).toBe(200);
  });

  it('refuses a cross-site log-out, so the session survives', async () => {
    const { cookie: victim } = await signUp();
    expectRejected(await send('POST', '/api/v1/auth/logout', { headers: { cookie: victim, origin: foreign } }));
    expectRejected(await send('POST', '/api/v1/auth/logout', { headers: { cookie: victim } }));
    expect((await call('GET', '/api/v1/me', { cookie: victim })).status).toBe(200);
  });

  it('rejects before the session is rotated by a cross-site log-in', async () => {
    const { email, password, cookie: current } = await signUp();
    const res = await send('POST', '/api/v1/auth/login', {
      headers: { cookie: current, origin: foreign },
      body: { email, password },
    });
    expectRejected(res);
    expect((await call('GET', '/api/v1/me', { cookie: current })).status).toBe(200);
    const fine = await call('POST', '/api/v1/auth/login', { cookie: current, body: { email, password } });
    expect(sessionCookieFrom(fine.headers)).not.toBe(current);
  });
});

describe('CORS', () => {
  const path = '/api/v1/openapi.json';

  it('echoes an allow-listed Origin with credentials and exposes the request id', async () => {
    const res = await send('GET', path, { headers: { origin: allowListed } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(allowListed);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-expose-headers')).toContain('X-Request-ID');
    expect(res.headers.get('vary')).toMatch(/\bOrigin\b/);
  });

  it('also on error responses, so the app can read the envelope', async () => {
    const res = await send('GET', '/api/v1/me', { headers: { origin: allowListed } });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBe(allowListed);
    expect(res.headers.get('vary')).toMatch(/\bOrigin\b/);
  });

  it('gives an unknown Origin no Access-Control-Allow-Origin, and never a wildcard', async () => {
    for (const o of [foreign, 'http://localhost:8788', 'https://app.example.com.evil.example', 'null']) {
      const res = await send('GET', path, { headers: { origin: o } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin'), o).toBeNull();
      expect(res.headers.get('vary'), o).toMatch(/\bOrigin\b/);
    }
    const none = await send('GET', path);
    expect(none.headers.get('access-control-allow-origin')).toBeNull();
    expect(none.headers.get('vary')).toMatch(/\bOrigin\b/);
  });

  it('answers a preflight from an allow-listed Origin', async () => {
    const res = await send('OPTIONS', '/api/v1/w/acme/projects', {
      headers: {
        origin: allowListed,
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'content-type, idempotency-key',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(allowListed);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    const methods = res.headers.get('access-control-allow-methods') ?? '';
    for (const m of ['GET', 'POST', 'PATCH', 'DELETE']) expect(methods).toContain(m);
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const h of ['content-type', 'authorization', 'idempotency-key', 'x-request-id', 'traceparent']) {
      expect(allowed).toContain(h);
    }
    expect(res.headers.get('access-control-max-age')).toBe('600');
    expect(res.headers.get('vary')).toMatch(/\bOrigin\b/);
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('gives a preflight from an unknown Origin no allow-origin', async () => {
    const res = await send('OPTIONS', '/api/v1/w/acme/projects', {
      headers: { origin: foreign, 'access-control-request-method': 'POST' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
