import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SpanRecord } from '../../middleware/tracing.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';

/** Every console.log line while the spy is active; the worker runs in this isolate. */
function captureLogs() {
  const spy = vi.spyOn(console, 'log').mockImplementation(() => {});
  const records = () => spy.mock.calls.map((args) => JSON.parse(args.map(String).join(' ')) as Record<string, any>);
  return { records };
}

afterEach(() => {
  vi.restoreAllMocks();
});

function spansOf(records: Record<string, any>[], requestId: string): SpanRecord[] {
  return records.filter((r) => r.message === 'request' && r.request_id === requestId).flatMap((r) => r.spans);
}

// The sample's create is the app's batched write (gateway.write(authorize, build)); its delete an interactive one.
describe('database spans of the sample module', () => {
  let cookie: string;
  let ws: { id: string; slug: string };
  beforeAll(async () => {
    ({ cookie } = await signUp());
    ws = await createWorkspace(cookie);
  });

  it('records a batched write as a db.batch_write span and an interactive one as db.transaction', async () => {
    const logs = captureLogs();
    const created = await call('POST', `/api/v1/w/${ws.slug}/projects`, { cookie, body: { name: 'Traced' } });
    expect(created.status).toBe(201);
    const deleted = await call('DELETE', `/api/v1/w/${ws.slug}/projects/${created.json.id}`, { cookie });
    expect(deleted.status).toBe(204);
    const spanNames = (res: typeof created) => spansOf(logs.records(), res.headers.get('x-request-id') ?? '').map((s) => s.name);
    expect(spanNames(created)).toEqual(expect.arrayContaining(['db.batch_write', 'http.request']));
    expect(spanNames(created)).not.toContain('db.transaction');
    expect(spanNames(deleted)).toEqual(expect.arrayContaining(['db.transaction', 'http.request']));
  });
});
