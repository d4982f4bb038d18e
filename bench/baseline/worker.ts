import { Hono } from 'hono';

/** The rate-limiting binding's one call, as the runtime types it. */
interface FloorBindings {
  FLOOR_LIMITER: { limit(options: { key: string }): Promise<{ success: boolean }> };
}

/** The floor the benchmark compares against: the same runtime and framework, no work at all. */
export default new Hono()
  .get('/', (c) => c.text('hello'))
  // Calibration, not a baseline: the same plus one JSON log line like the one the app writes per
  // request, to show what console output alone costs under `wrangler dev`.
  .get('/log', (c) => {
    console.log(
      JSON.stringify({
        level: 'info',
        message: 'request',
        request_id: crypto.randomUUID(),
        method: c.req.method,
        route: '/log',
        status: 200,
        duration_ms: 0.12,
        workspace_id: null,
        actor_type: null,
        actor_id: null,
        trace_id: null,
        time: new Date().toISOString(),
      }),
    );
    return c.text('hello');
  })
  // Calibration: the least any database-backed request costs here, with no application code: one
  // SQL-over-HTTP round trip (`select 1`) to the local endpoint named by the benchmark, one log line.
  .get('/db', (c) => selectOne(c.req.header('x-bench-sql-endpoint'), '/db'))
  // The same after one call of the rate-limiting binding the app calls on every request, keyed by
  // the client's address as the app keys it: what the local simulation of that binding adds.
  .get('/db-limited', async (c) => {
    await (c.env as FloorBindings).FLOOR_LIMITER.limit({ key: c.req.header('cf-connecting-ip') ?? '' });
    return selectOne(c.req.header('x-bench-sql-endpoint'), '/db-limited');
  });

async function selectOne(endpoint: string | undefined, route: string): Promise<Response> {
  if (!endpoint) return new Response('x-bench-sql-endpoint is required', { status: 400 });
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'neon-connection-string': 'postgres://bench:bench@localhost/postgres' },
    body: JSON.stringify({ query: 'select 1 as one', params: [] }),
  });
  const result = (await response.json()) as { rows: unknown[][] };
  console.log(JSON.stringify({ level: 'info', message: 'request', route, status: response.status, time: new Date().toISOString() }));
  return Response.json(result.rows);
}
