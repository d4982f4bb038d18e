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
  });
