/**
 * `npm run bench:webhooks` (also the last part of `npm run bench`): one workspace with 20 webhook
 * endpoints on the local stack (`wrangler dev`, workerd, PGlite) and the local webhook receiver, and
 * 1,000 events published as the sample module publishes them (a project renamed through the API:
 * `project.updated`, through the outbox and the jobs queue). Half the endpoints take every event, half
 * only `project.updated`. Reports the deliveries per second (from the first write sent to the last
 * delivery received) and the delivery lag, from the event's `occurred_at` (stamped in the write's
 * transaction, just before it commits) to the receiver getting it: p50 and p99.
 * Writes bench/webhooks.json and its section of bench/RESULTS.md.
 *
 *   BENCH_WEBHOOK_EVENTS   events published (default 1000)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { root } from '../scripts/stack.ts';
import { expectStatus, prepareApp, randomIp } from './lib/app.ts';
import { Client, percentile, sleep } from './lib/load.ts';
import { writeResultsSection } from './lib/report.ts';
import { freePorts, startStackProcess } from './lib/servers.ts';

const ENDPOINTS = 20;
const EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 1000);
const WRITERS = 8;
const DELIVERY_TIMEOUT_MS = 15 * 60_000;

export interface WebhookResults {
  endpoints: number;
  events: number;
  deliveries: number;
  seconds: number;
  deliveriesPerSecond: number;
  lagMs: { p50: number; p99: number };
  duplicates: number;
}

interface Received {
  headers: Record<string, string>;
  body: string;
  at: string;
}

export async function runWebhookBench(): Promise<WebhookResults> {
  const [port, dbServerPort, pglitePort] = await freePorts(3);
  const stack = await startStackProcess({
    port,
    dbServerPort,
    pglitePort,
    dataDir: null,
    quiet: process.env.BENCH_VERBOSE !== '1',
    identityProviders: false,
    localStripe: false,
  });
  const client = new Client(`http://127.0.0.1:${port}`, WRITERS);
  try {
    const receiver = stack.webhookReceiverUrl;
    if (!receiver) throw new Error('the stack started no webhook receiver');
    const app = await prepareApp(stack.url, 1);
    const headers = { cookie: app.cookie, origin: app.origin, 'content-type': 'application/json' };
    const listed = await client.send({
      method: 'GET',
      path: `/api/v1/w/${app.slug}/projects`,
      headers: { ...headers, 'cf-connecting-ip': randomIp() },
    });
    expectStatus('list projects', listed, 200);
    const projectId = (JSON.parse(listed.body) as { items: Array<{ id: string }> }).items[0]?.id;
    if (!projectId) throw new Error('no project to rename');
    const names: string[] = [];
    for (let i = 0; i < ENDPOINTS; i++) {
      const name = `bench-${i}-${Math.random().toString(36).slice(2, 10)}`;
      const created = await client.send({
        method: 'POST',
        path: `/api/v1/w/${app.slug}/webhooks`,
        headers: { ...headers, 'cf-connecting-ip': randomIp() },
        body: JSON.stringify({ url: `${receiver}/hooks/ok/${name}`, event_types: i % 2 === 0 ? [] : ['project.updated'] }),
      });
      expectStatus('create endpoint', created, 201);
      names.push(name);
    }

    const started = Date.now();
    let next = 0;
    const writer = async () => {
      for (let n = next++; n < EVENTS; n = next++) {
        const renamed = await client.send({
          method: 'PATCH',
          path: `/api/v1/w/${app.slug}/projects/${projectId}`,
          headers: { ...headers, 'cf-connecting-ip': randomIp() },
          body: JSON.stringify({ name: `Renamed ${n}` }),
        });
        expectStatus('rename project', renamed, 200);
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, writer));

    const receivedBy = async (name: string) => (await (await fetch(`${receiver}/__received/${name}`)).json()) as Received[];
    const updatesBy = async (name: string) => (await receivedBy(name)).filter((r) => r.body.includes('"project.updated"'));
    let perEndpoint: Received[][] = [];
    const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
    for (;;) {
      perEndpoint = await Promise.all(names.map(updatesBy));
      const updates = perEndpoint.flat();
      if (new Set(perEndpoint.flatMap((got, i) => got.map((r) => `${i}:${r.headers['webhook-id']}`))).size >= ENDPOINTS * EVENTS) break;
      if (Date.now() > deadline)
        throw new Error(`${updates.length} of ${ENDPOINTS * EVENTS} deliveries within ${DELIVERY_TIMEOUT_MS / 60_000} min`);
      await sleep(500);
    }
    const updates = perEndpoint.flat();
    const finished = Math.max(...updates.map((r) => Date.parse(r.at)));

    const db = new pg.Client({ connectionString: stack.postgresUrl });
    await db.connect();
    let occurredAt: Map<string, number>;
    try {
      const { rows } = await db.query<{ id: string; occurred_at: Date }>(
        `select e.id, e.occurred_at from outbox_event e join workspace w on w.id = e.workspace_id
         where w.slug = $1 and e.type = 'project.updated'`,
        [app.slug],
      );
      occurredAt = new Map(rows.map((row) => [row.id, row.occurred_at.getTime()]));
    } finally {
      await db.end();
    }
    const lags = updates.map((r) => Date.parse(r.at) - (occurredAt.get(r.headers['webhook-id'] ?? '') ?? Number.NaN)).sort((a, b) => a - b);
    if (lags.some(Number.isNaN)) throw new Error('a delivery names an event the outbox does not have');
    const seconds = (finished - started) / 1000;
    return {
      endpoints: ENDPOINTS,
      events: EVENTS,
      deliveries: updates.length,
      seconds,
      deliveriesPerSecond: updates.length / seconds,
      lagMs: { p50: percentile(lags, 50), p99: percentile(lags, 99) },
      duplicates: updates.length - ENDPOINTS * EVENTS,
    };
  } finally {
    client.close();
    await stack.stop();
  }
}

const round = (n: number) => Math.round(n * 10) / 10;

export function webhooksMarkdown(r: WebhookResults, date = new Date().toISOString().slice(0, 10)): string {
  return `## Outgoing webhooks (\`npm run bench:webhooks\`, run on its own on ${date})

One workspace on the local stack (\`wrangler dev\`, workerd, PGlite) with ${r.endpoints} endpoints at the
local webhook receiver (half take every event, half only \`project.updated\`), and ${r.events} events
published as the sample module publishes them: a project renamed through the API, ${WRITERS} writes at a
time. Each event goes through the outbox, the jobs queue, the fan-out consumer (one delivery row per
endpoint in one statement, one message for all of them) and the delivery job.

| Measure | Value |
|---|---|
| Deliveries | ${r.deliveries} (${r.duplicates} beyond one per endpoint and event) |
| Throughput, first write sent → last delivery received | ${round(r.deliveriesPerSecond)} deliveries/s (${round(r.seconds)} s) |
| Delivery lag, event committed → receiver got it, p50 | ${round(r.lagMs.p50)} ms |
| Delivery lag, event committed → receiver got it, p99 | ${round(r.lagMs.p99)} ms |

The lag starts at the event's \`occurred_at\`, stamped in the write's transaction just before it commits.
The ${r.events} writes arrive faster than the deliveries leave, so under this burst the lag is mostly the
queue's backlog: the local queue (Miniflare) runs one consumer batch of 10 messages at a time.
`;
}

/** Puts the section into bench/RESULTS.md, in place of an earlier one. */
export const writeWebhookSection = (section: string) => writeResultsSection('## Outgoing webhooks', section);

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await runWebhookBench();
  const section = webhooksMarkdown(results);
  writeFileSync(join(root, 'bench', 'webhooks.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeWebhookSection(section);
  console.log(section);
}
