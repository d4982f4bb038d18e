import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { newApp } from './app.ts';
import { call } from './test/client.ts';

interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { tags?: string[] }>>;
}

const documentationRoutes = new Set(['/api/v1/openapi.json', '/api/v1/docs']);
const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** `method path` of every handler registered under /api/v1 (middleware is registered as ALL). */
function registeredOperations(app: ReturnType<typeof newApp>): Set<string> {
  return new Set(
    app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/') && !documentationRoutes.has(r.path))
      .map((r) => `${r.method.toLowerCase()} ${toOpenApiPath(r.path)}`),
  );
}

function documentedOperations(doc: OpenApiDocument): Set<string> {
  return new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`)));
}

const undocumented = (app: ReturnType<typeof newApp>, doc: OpenApiDocument) =>
  [...registeredOperations(app)].filter((op) => !documentedOperations(doc).has(op));

async function documentOf(app: ReturnType<typeof newApp>): Promise<OpenApiDocument> {
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
    expect(res.json.info).toEqual({ title: 'Edge SaaS API', version: '1.0.0' });
  });

  it('documents every registered API route, and nothing that is not one', async () => {
    const app = newApp();
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
    const app = newApp();
    app.get('/api/v1/w/:workspace/reports', (c) => c.json({ items: [] }));
    expect(undocumented(app, await documentOf(app))).toEqual(['get /api/v1/w/{workspace}/reports']);
  });
});

describe('API reference page', () => {
  it('is HTML listing every operation', async () => {
    const doc = (await call('GET', '/api/v1/openapi.json')).json as OpenApiDocument;
    const res = await call('GET', '/api/v1/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.text).toMatch(/^<!doctype html>/i);
    expect(res.text).not.toMatch(/<script/i);
    const operations = documentedOperations(doc);
    expect(operations.size).toBeGreaterThanOrEqual(15);
    for (const op of operations) {
      const [method = '', path = ''] = op.split(' ');
      expect(res.text, op).toContain(`<td><code>${method.toUpperCase()}</code></td><td><code>${path}</code></td>`);
    }
  });
});
