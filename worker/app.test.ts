import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { appWithEveryRoute } from './app.ts';
import { call, createWorkspace, signUp } from './test/client.ts';

interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { tags?: string[] }>>;
}

const documentationRoutes = new Set(['/api/v1/openapi.json', '/api/v1/docs']);
const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** `method path` of every handler registered under /api/v1 (middleware is registered as ALL). */
function registeredOperations(app: Awaited<ReturnType<typeof appWithEveryRoute>>): Set<string> {
  return new Set(
    app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/') && !documentationRoutes.has(r.path))
      .map((r) => `${r.method.toLowerCase()} ${toOpenApiPath(r.path)}`),
  );
}

function documentedOperations(doc: OpenApiDocument): Set<string> {
  return new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`)));
}

const undocumented = (app: Awaited<ReturnType<typeof appWithEveryRoute>>, doc: OpenApiDocument) =>
  [...registeredOperations(app)].filter((op) => !documentedOperations(doc).has(op));

async function documentOf(app: Awaited<ReturnType<typeof appWithEveryRoute>>): Promise<OpenApiDocument> {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request('http://localhost:8787/api/v1/openapi.json'), env, ctx);
  await waitOnExecutionContext(ctx);
  expect(res.status).toBe(200);
  return res.json();
}

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and served through the chain', async () => {
    const res = await call('GET', '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.json.openapi).toBe('3.1.0');
    expect(res.json.info).toMatchObject({ title: 'Edge SaaS API', version: '1.0.0' });
  });

  it('documents every registered API route, and nothing that is not one', async () => {
    const app = await appWithEveryRoute();
    const doc = (await call('GET', '/api/v1/openapi.json')).json as OpenApiDocument;
    const registered = registeredOperations(app);
    // The filter keeps the real handlers (not a vacuous empty set).
    for (const op of [
      'post /api/v1/auth/signup',
      'post /api/v1/auth/login',
      'post /api/v1/auth/logout',
      'get /api/v1/me',
      'post /api/v1/workspaces',
      'get /api/v1/workspaces',
      'post /api/v1/w/{workspace}/api-keys',
      'get /api/v1/w/{workspace}/api-keys',
      'delete /api/v1/w/{workspace}/api-keys/{id}',
      'get /api/v1/w/{workspace}/teams',
      'post /api/v1/w/{workspace}/teams',
      'get /api/v1/w/{workspace}/teams/{id}',
      'patch /api/v1/w/{workspace}/teams/{id}',
      'delete /api/v1/w/{workspace}/teams/{id}',
    ]) {
      expect(registered).toContain(op);
    }
    expect(undocumented(app, doc)).toEqual([]);
    expect(documentedOperations(doc)).toContain('get /health');
    expect(documentedOperations(doc)).toContain('get /health/ready');
    expect(documentedOperations(doc)).toContain('get /.well-known/jwks.json');
    // No stale entries: everything documented is served.
    const served = new Set([...registered, 'get /health', 'get /health/ready', 'get /.well-known/jwks.json']);
    expect([...documentedOperations(doc)].filter((op) => !served.has(op))).toEqual([]);
  });

  it('catches a route that was added without an OpenAPI definition', async () => {
    const app = await appWithEveryRoute();
    app.get('/api/v1/w/:workspace/reports', (c) => c.json({ items: [] }));
    expect(undocumented(app, await documentOf(app))).toEqual(['get /api/v1/w/{workspace}/reports']);
  });
});

async function workspaceWithApiKey() {
  const { cookie } = await signUp();
  const { slug } = await createWorkspace(cookie);
  const created = await call('POST', `/api/v1/w/${slug}/api-keys`, { cookie, body: { name: 'Docs check' } });
  expect(created.status).toBe(201);
  return { apiKey: created.json.key as string, slug };
}

describe('OpenAPI document for clients we did not write', () => {
  type Operation = { operationId?: string; summary?: string; security?: Record<string, string[]>[]; responses: Record<string, any> };
  const operationsOf = (doc: OpenApiDocument) =>
    Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops as Record<string, Operation>).map(([method, op]) => ({ key: `${method} ${path}`, path, op })),
    );
  const schemesOf = (op: Operation) => (op.security ?? []).map((requirement) => Object.keys(requirement).join('+') || 'none');

  it('names its server and declares the cookie, API key and bearer token schemes', async () => {
    const doc = (await call('GET', '/api/v1/openapi.json')).json;
    expect(doc.servers).toEqual([{ url: '/', description: expect.any(String) }]);
    expect(doc.components.securitySchemes).toMatchObject({
      session: { type: 'apiKey', in: 'cookie', name: '__Host-session' },
      apiKey: { type: 'http', scheme: 'bearer' },
      personalAccessToken: { type: 'http', scheme: 'bearer' },
      accessToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
    });
  });

  it('gives every operation a summary and a unique operationId derived from its method and path', async () => {
    const operations = operationsOf((await call('GET', '/api/v1/openapi.json')).json as OpenApiDocument);
    expect(operations.length).toBeGreaterThanOrEqual(80);
    expect(operations.filter(({ op }) => !op.summary).map(({ key }) => key)).toEqual([]);
    const ids = operations.map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(operations.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z0-9]*$/);
    const byKey = new Map(operations.map(({ key, op }) => [key, op.operationId]));
    expect(byKey.get('get /api/v1/w/{workspace}/teams/{id}')).toBe('getWorkspaceTeamsById');
    expect(byKey.get('post /api/v1/auth/signup')).toBe('postAuthSignup');
    expect(byKey.get('get /.well-known/jwks.json')).toBe('getWellKnownJwksJson');
  });

  it('applies the security its route group enforces: API keys only on workspace routes', async () => {
    const operations = operationsOf((await call('GET', '/api/v1/openapi.json')).json as OpenApiDocument);
    const person = ['session', 'accessToken', 'personalAccessToken'];
    for (const { key, path, op } of operations) {
      if (path.startsWith('/api/v1/w/{workspace}')) expect(schemesOf(op), key).toEqual([...person, 'apiKey']);
      else if (/^\/api\/v1\/(me|workspaces)(\/|$)/.test(path)) expect(schemesOf(op), key).toEqual(person);
      else if (path.startsWith('/api/v1/')) expect(schemesOf(op), key).toEqual(['none', ...person]);
      else expect(schemesOf(op), key).toEqual([]);
    }
  });

  it('what the document says of a route holds: an API key is refused on a person route and accepted on its workspace', async () => {
    const doc = (await call('GET', '/api/v1/openapi.json')).json as OpenApiDocument;
    const schemesAt = (key: string) => schemesOf(operationsOf(doc).find((o) => o.key === key)?.op ?? { responses: {} });
    const { apiKey, slug } = await workspaceWithApiKey();
    expect(schemesAt('get /api/v1/me')).not.toContain('apiKey');
    expect((await call('GET', '/api/v1/me', { apiKey })).status).toBe(403);
    expect(schemesAt('get /api/v1/w/{workspace}/members')).toContain('apiKey');
    expect((await call('GET', `/api/v1/w/${slug}/members`, { apiKey })).status).toBe(200);
  });

  it('describes error answers with the one error envelope', async () => {
    const doc = (await call('GET', '/api/v1/openapi.json')).json;
    const [members] = operationsOf(doc as OpenApiDocument).filter(({ key }) => key === 'get /api/v1/w/{workspace}/members');
    expect(members?.op.responses['404'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['code', 'message', 'request_id']);
    expect(doc.components.schemas.Error.properties.error.properties.code.enum).toContain('VALIDATION_FAILED');
    const res = await call('GET', '/api/v1/w/nowhere/members');
    expect(Object.keys(res.json.error).sort()).toEqual(['code', 'message', 'request_id']);
  });

  it('carries examples on the main resources', async () => {
    const schemas = (await call('GET', '/api/v1/openapi.json')).json.components.schemas;
    for (const name of [
      'Workspace',
      'CreateWorkspaceRequest',
      'User',
      'Me',
      'ApiKey',
      'CreatedApiKey',
      'Member',
      'SignupRequest',
      'Error',
    ]) {
      expect(schemas[name].example, name).toBeTypeOf('object');
    }
    expect(schemas.ApiKey.example.id).toMatch(/^key_/);
  });
});

describe('API reference page', () => {
  it('is the renderer shell: the script is a static asset of the origin, under a strict policy', async () => {
    const res = await call('GET', '/api/v1/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.text).toMatch(/^<!doctype html>/i);
    expect(res.text).toContain('<script src="/api-reference/scalar.js"></script>');
    expect(res.text).toContain('data-url="/api/v1/openapi.json"');
    // Scalar's settings keep everything on the origin: no hosted fonts, telemetry or AI agent.
    expect(res.text).toContain('&quot;withDefaultFonts&quot;:false');
    expect(res.text).toContain('&quot;telemetry&quot;:false');
    // Every script element loads from the origin or is empty (settings only): nothing inline runs.
    for (const [, attributes, body] of res.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
      expect(body).toBe('');
      expect(attributes).toMatch(/src="\/|id="api-reference"/);
    }
    const policy = res.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("connect-src 'self';");
    expect(policy).not.toMatch(/unsafe-eval|https?:/);
  });
});
