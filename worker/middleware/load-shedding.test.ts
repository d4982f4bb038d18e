import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../env.ts';
import { loadShedding } from './load-shedding.ts';
import { recovery } from './recovery.ts';

/** An app whose `/held` requests wait until `release()`, behind a shedder that admits two at once. */
function heldApp() {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const app = new Hono<AppEnv>();
  app.onError(recovery);
  app.use(loadShedding(2));
  app.get('/held', async (c) => {
    await gate;
    return c.text('done');
  });
  app.get('/boom', () => {
    throw new Error('handler failed');
  });
  app.get('/now', (c) => c.text('now'));
  return { app, release };
}

describe('load shedding', () => {
  it('answers 503 OVERLOADED with Retry-After once the limit is in flight, and admits again when they finish', async () => {
    const { app, release } = heldApp();
    const first = app.request('/held');
    const second = app.request('/held');
    const shed = await app.request('/now');
    expect(shed.status).toBe(503);
    expect(shed.headers.get('Retry-After')).toBe('1');
    expect(await shed.json()).toMatchObject({ error: { code: 'OVERLOADED', message: 'The service is busy; retry in 1 second' } });

    release();
    expect([(await first).status, (await second).status]).toEqual([200, 200]);
    const after = await app.request('/now');
    expect([after.status, await after.text()]).toEqual([200, 'now']);
  });

  it('counts a request that failed as finished', async () => {
    const { app } = heldApp();
    for (let i = 0; i < 5; i++) expect((await app.request('/boom')).status).toBe(500);
    expect((await app.request('/now')).status).toBe(200);
  });
});
