import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { appWithEveryRoute } from '../app.ts';
import { parsePublicId } from '../kernel/ids.ts';
import { createWorkspace, origin, randomIp, signUp, unique } from '../test/client.ts';
import { inspectSql, ownerSql } from '../test/db.ts';

const limit = 64 * 1024;
const encoder = new TextEncoder();

interface Sent {
  status: number;
  headers: Headers;
  json: Record<string, any>;
}

/** Sends the body exactly as given: no Content-Type unless listed in `headers`. */
async function send(method: string, path: string, body: BodyInit | null, headers: Record<string, string> = {}): Promise<Sent> {
  const h = new Headers(headers);
  if (!h.has('cf-connecting-ip')) h.set('cf-connecting-ip', randomIp());
  if (!h.has('origin')) h.set('origin', origin);
  const response = await exports.default.fetch(new Request(`${origin}${path}`, { method, headers: h, body }));
  const text = await response.text();
  let json: Record<string, any> = {};
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`not JSON (${response.status}): ${text.slice(0, 200)}`);
  }
  return { status: response.status, headers: response.headers, json };
}

const json = { 'content-type': 'application/json' };

/** A body that arrives in pieces with no Content-Length (workerd sends it chunked). */
function streamOf(parts: Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      const part = parts[i++];
      if (part) controller.enqueue(part);
      else controller.close();
    },
  });
}

function expectError(res: Sent, status: number, code?: string) {
  expect(res.status).toBe(status);
  if (code) expect(res.json.error.code).toBe(code);
  expect(res.json.error.request_id).toBe(res.headers.get('x-request-id'));
}

describe('JSON body rules', () => {
  let cookie: string;
  let ws: { id: string; slug: string };
  let teams: string;

  // Teams: a platform route whose body is strict JSON ({ name }), created by the workspace's owner.
  const teamCount = async () => {
    const rows = await inspectSql()`select count(*)::int as n from team where workspace_id = ${parsePublicId('workspace', ws.id)}`;
    return rows[0]?.n as number;
  };
  const userCount = async (email: string) => {
    const rows = await ownerSql()`select count(*)::int as n from "user" where email = ${email.toLowerCase()}`;
    return rows[0]?.n as number;
  };

  beforeAll(async () => {
    ({ cookie } = await signUp());
    ws = await createWorkspace(cookie);
    teams = `/api/v1/w/${ws.slug}/teams`;
  }, 30_000);

  const postTeam = (body: BodyInit | null, headers: Record<string, string> = json) => send('POST', teams, body, { cookie, ...headers });

  it('accepts a well-formed body (the baseline the refusals below are measured against)', async () => {
    const before = await teamCount();
    const res = await postTeam(JSON.stringify({ name: 'Fine' }), { 'content-type': 'application/json; charset=utf-8' });
    expect(res.status).toBe(201);
    expect(await teamCount()).toBe(before + 1);
    const vendor = await postTeam(JSON.stringify({ name: 'Vendor type' }), { 'content-type': 'application/merge-patch+json' });
    expect(vendor.status).toBe(201);
  });

  it('refuses every malformed team body with a 4xx and creates nothing', async () => {
    const before = await teamCount();
    const big = JSON.stringify({ name: 'a'.repeat(limit) });
    const cases: [string, () => Promise<Sent>, number, string][] = [
      ['malformed JSON', () => postTeam('{"name": "half'), 400, 'MALFORMED_JSON'],
      ['trailing garbage', () => postTeam('{"name": "x"} trailing'), 400, 'MALFORMED_JSON'],
      ['text/plain', () => postTeam(JSON.stringify({ name: 'x' }), { 'content-type': 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['form encoding', () => postTeam('name=x', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['json look-alike type', () => postTeam('{"name":"x"}', { 'content-type': 'application/jsonp' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['no Content-Type', () => postTeam(encoder.encode(JSON.stringify({ name: 'x' })), {}), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [
        'over the limit with Content-Length',
        () => postTeam(big, { ...json, 'content-length': String(encoder.encode(big).length) }),
        413,
        'PAYLOAD_TOO_LARGE',
      ],
      [
        'over the limit, streamed',
        () => postTeam(streamOf(Array.from({ length: 9 }, () => encoder.encode(' '.repeat(8 * 1024))))),
        413,
        'PAYLOAD_TOO_LARGE',
      ],
      ['raw NUL byte', () => postTeam('{"name": "a\u0000b"}'), 400, 'INVALID_ENCODING'],
      ['escaped NUL', () => postTeam('{"name": "a\\u0000b"}'), 400, 'INVALID_ENCODING'],
      ['escaped NUL after an escaped backslash', () => postTeam('{"name": "a\\\\\\u0000b"}'), 400, 'INVALID_ENCODING'],
      ['escaped NUL in a key', () => postTeam('{"na\\u0000me": "x"}'), 400, 'INVALID_ENCODING'],
      [
        'invalid UTF-8',
        () => postTeam(new Uint8Array([...encoder.encode('{"name": "'), 0xff, 0xfe, ...encoder.encode('"}')]), json),
        400,
        'INVALID_ENCODING',
      ],
      [
        'encoded surrogate',
        () => postTeam(new Uint8Array([...encoder.encode('{"name": "'), 0xed, 0xa0, 0x80, ...encoder.encode('"}')]), json),
        400,
        'INVALID_ENCODING',
      ],
      [
        'overlong encoding',
        () => postTeam(new Uint8Array([...encoder.encode('{"name": "'), 0xc0, 0xaf, ...encoder.encode('"}')]), json),
        400,
        'INVALID_ENCODING',
      ],
      [
        'truncated UTF-8 at the end of a stream',
        () => postTeam(streamOf([encoder.encode('{"name": "ab"}'), new Uint8Array([0xe2, 0x82])])),
        400,
        'INVALID_ENCODING',
      ],
      ['empty body', () => postTeam(''), 400, 'BAD_REQUEST'],
      ['no body at all', () => send('POST', teams, null, { cookie }), 400, 'VALIDATION_FAILED'],
      ['JSON null', () => postTeam('null'), 400, 'VALIDATION_FAILED'],
      ['JSON array', () => postTeam('[{"name": "x"}]'), 400, 'VALIDATION_FAILED'],
      ['JSON string', () => postTeam('"x"'), 400, 'VALIDATION_FAILED'],
      ['deep nesting', () => postTeam(`${'['.repeat(20_000)}${']'.repeat(20_000)}`), 400, 'VALIDATION_FAILED'],
      ['invalid field', () => postTeam(JSON.stringify({ name: '' })), 400, 'VALIDATION_FAILED'],
      ['unknown field', () => postTeam(JSON.stringify({ name: 'x', owner: 'me' })), 400, 'VALIDATION_FAILED'],
      ['wrong type', () => postTeam(JSON.stringify({ name: 42 })), 400, 'VALIDATION_FAILED'],
      [
        'unknown query parameter',
        () => send('POST', `${teams}?foo=1`, JSON.stringify({ name: 'x' }), { cookie, ...json }),
        400,
        'UNKNOWN_QUERY_PARAMETER',
      ],
    ];
    const outcomes: Record<string, [number, string]> = {};
    for (const [name, run] of cases) {
      const res = await run();
      outcomes[name] = [res.status, res.json.error?.code ?? ''];
      expect(res.json.error?.request_id, name).toBe(res.headers.get('x-request-id'));
    }
    const expected = Object.fromEntries(cases.map(([name, , status, code]) => [name, [status, code]]));
    expect(outcomes).toEqual(expected);
    expect(await teamCount()).toBe(before);
  });

  it('names the invalid fields', async () => {
    const res = await postTeam(JSON.stringify({ name: '', extra: 1 }));
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(Object.keys(res.json.error.fields).sort()).toEqual(['_', 'name'].sort());
  });

  it('takes a literal backslash-u0000 as text, not as a NUL', async () => {
    const before = await teamCount();
    // JSON "a\\u0000b" is the eight characters a, \, u, 0, 0, 0, 0, b: no NUL anywhere.
    const res = await postTeam('{"name": "a\\\\u0000b"}');
    expect(res.status).toBe(201);
    expect(res.json.name).toBe('a\\u0000b');
    expect(await teamCount()).toBe(before + 1);
  });

  it('accepts a body of exactly the limit, streamed', async () => {
    const head = encoder.encode('{"name": "at the limit"}');
    const padding = encoder.encode(' '.repeat(limit - head.length));
    const res = await postTeam(streamOf([head, padding]));
    expect(res.status).toBe(201);
  });

  it('checks Content-Length before reading the body', async () => {
    // A body that never ends: only a check of the declared length can answer.
    const endless = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(encoder.encode(' ')),
    });
    const request = new Request(`${origin}${teams}`, {
      method: 'POST',
      headers: { ...json, cookie, origin, 'cf-connecting-ip': randomIp(), 'content-length': String(limit + 1) },
      body: endless,
    });
    const ctx = createExecutionContext();
    const response = await (await appWithEveryRoute()).fetch(request, env, ctx);
    await waitOnExecutionContext(ctx);
    expect(response.status).toBe(413);
    expect(((await response.json()) as Record<string, any>).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a body longer than the Content-Length it declared, which the one-read path trusts', async () => {
    const before = await teamCount();
    // Handed to the app directly: over HTTP, framing would have ended the body at the declared length.
    const request = new Request(`${origin}${teams}`, {
      method: 'POST',
      headers: { ...json, cookie, origin, 'cf-connecting-ip': randomIp(), 'content-length': '16' },
      body: streamOf([encoder.encode(JSON.stringify({ name: 'a'.repeat(limit) }))]),
    });
    const ctx = createExecutionContext();
    const response = await (await appWithEveryRoute()).fetch(request, env, ctx);
    await waitOnExecutionContext(ctx);
    expect(response.status).toBe(413);
    expect(((await response.json()) as Record<string, any>).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await teamCount()).toBe(before);
  });

  it('applies the same rules to sign-up, which creates no user', async () => {
    const email = `${unique('body')}@example.com`;
    const valid = { email, password: 'a good long password', name: 'Body' };
    const signup = (body: BodyInit | null, headers: Record<string, string> = json) => send('POST', '/api/v1/auth/signup', body, headers);
    const results = [
      [await signup(`{"email": "${email}", "password": `), 400, 'MALFORMED_JSON'],
      [await signup(JSON.stringify(valid), { 'content-type': 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [await signup(encoder.encode(JSON.stringify(valid)), {}), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [await signup(JSON.stringify({ ...valid, name: 'x'.repeat(limit) })), 413, 'PAYLOAD_TOO_LARGE'],
      [await signup(streamOf([encoder.encode(JSON.stringify({ ...valid, name: 'x'.repeat(limit) }))])), 413, 'PAYLOAD_TOO_LARGE'],
      [await signup(JSON.stringify({ ...valid, name: 'a\u0000b' })), 400, 'INVALID_ENCODING'],
      [
        await signup(new Uint8Array([...encoder.encode(JSON.stringify(valid).slice(0, -2)), 0xff, ...encoder.encode('"}')])),
        400,
        'INVALID_ENCODING',
      ],
      [await signup(JSON.stringify({ ...valid, email: 'not-an-email' })), 400, 'VALIDATION_FAILED'],
      [await send('POST', '/api/v1/auth/signup?next=/home', JSON.stringify(valid), json), 400, 'UNKNOWN_QUERY_PARAMETER'],
    ] as const;
    for (const [res, status, code] of results) expectError(res, status, code);
    expect(await userCount(email)).toBe(0);
  });

  it('refuses unknown query parameters on reads', async () => {
    for (const path of [`${teams}?foo=1`, '/api/v1/me?x=1', '/api/v1/workspaces?page=2']) {
      const res = await send('GET', path, null, { cookie });
      expectError(res, 400, 'UNKNOWN_QUERY_PARAMETER');
      expect(Object.keys(res.json.error.fields ?? {}).length, path).toBeGreaterThan(0);
    }
  });
});
