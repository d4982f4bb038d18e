import { Hono } from 'hono';

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
  .get('/db', async (c) => {
    const endpoint = c.req.header('x-bench-sql-endpoint');
    if (!endpoint) return c.text('x-bench-sql-endpoint is required', 400);
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'neon-connection-string': 'postgres://bench:bench@localhost/postgres' },
      body: JSON.stringify({ query: 'select 1 as one', params: [] }),
    });
    const result = (await response.json()) as { rows: unknown[][] };
    console.log(
      JSON.stringify({ level: 'info', message: 'request', route: '/db', status: response.status, time: new Date().toISOString() }),
    );
    return c.json(result.rows);
  });
