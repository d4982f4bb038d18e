/**
 * `npm run bench:realtime` (also the last part of `npm run bench`): one workspace's hub with 1,000
 * WebSockets on the local stack. Reports the broadcast fan-out (from sending the write to each
 * socket's message: p50/p99, and the spread between the first and the last socket), the worker's
 * CPU per broadcast beyond the same write with nobody connected, the CPU of the 1,000 idle sockets
 * and the workerd memory they hold, and from those an estimate for 10,000 idle connections.
 * Writes its section of bench/RESULTS.md and bench/realtime.json.
 *
 *   BENCH_SOCKETS      sockets to open (default 1000)
 *   BENCH_BROADCASTS   broadcasts measured (default 20)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../scripts/stack.ts';
import { expectStatus, type PreparedApp, prepareApp, randomIp } from './lib/app.ts';
import { Client, percentile, sleep } from './lib/load.ts';
import { writeResultsSection } from './lib/report.ts';
import { CpuMeter, workerdPids } from './lib/proc.ts';
import { freePorts, startStackProcess } from './lib/servers.ts';

const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 1000);
const BROADCASTS = Number(process.env.BENCH_BROADCASTS ?? 20);
const IDLE_MS = 10_000;

/** Resident memory of the processes, in MB; one that has exited since it was listed holds none. */
const rssMb = (pids: number[]) =>
  pids.reduce((sum, pid) => {
    let status = '';
    try {
      status = readFileSync(`/proc/${pid}/status`, 'utf8');
    } catch {
      return sum;
    }
    const line = status.split('\n').find((l) => l.startsWith('VmRSS:'));
    return sum + Number(line?.replace(/\D+/g, '') ?? 0) / 1024;
  }, 0);

function writeProject(client: Client, app: PreparedApp, n: number) {
  return client.send({
    method: 'POST',
    path: `/api/v1/w/${app.slug}/projects`,
    headers: { cookie: app.cookie, origin: app.origin, 'content-type': 'application/json', 'cf-connecting-ip': randomIp() },
    body: JSON.stringify({ name: `Broadcast ${n}` }),
  });
}

async function openSocket(client: Client, app: PreparedApp, onMessage: (kind: string) => void): Promise<WebSocket> {
  const ticket = await client.send({
    method: 'POST',
    path: `/api/v1/w/${app.slug}/realtime/ticket`,
    headers: { cookie: app.cookie, origin: app.origin, 'cf-connecting-ip': randomIp() },
  });
  expectStatus('ticket', ticket, 201);
  const url = new URL((JSON.parse(ticket.body) as { websocket_path: string }).websocket_path, app.url);
  url.protocol = 'ws:';
  // Node's WebSocket (undici) takes headers: the session cookie and our own origin, as a browser sends
  // them, and the client's own address: a thousand sockets are a thousand people, and from one address
  // the per-address flood guard (600 a minute) refuses the 601st upgrade.
  const headers = { cookie: app.cookie, origin: app.origin, 'cf-connecting-ip': randomIp() };
  const ws = new WebSocket(url, { headers } as unknown as string[]);
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve(), { once: true });
    ws.addEventListener('error', () => reject(new Error('socket failed to open')), { once: true });
  });
  ws.addEventListener('message', (event) => {
    const data = String(event.data);
    if (data.startsWith('{"kind":"project.created"')) onMessage('project.created');
  });
  return ws;
}

export interface RealtimeResults {
  sockets: number;
  broadcasts: number;
  fanOutMs: { p50: number; p99: number };
  spreadMs: { p50: number; p99: number };
  cpuPerBroadcastMs: number;
  idleCpuMsPerSecond: number;
  rssPerThousandSocketsMb: number;
  estimate10k: { rssMb: number; idleCpuMsPerSecond: number };
}

export async function runRealtimeBench(): Promise<RealtimeResults> {
  const [port, dbServerPort, pglitePort] = await freePorts(3);
  const stack = await startStackProcess({
    port,
    dbServerPort,
    pglitePort,
    dataDir: null,
    quiet: process.env.BENCH_VERBOSE !== '1',
    identityProviders: false,
    localStripe: false,
    vars: { REALTIME_SOCKETS_PER_PERSON: String(SOCKETS * 2), REALTIME_SOCKETS_PER_WORKSPACE: String(SOCKETS * 2) },
  });
  const client = new Client(`http://127.0.0.1:${port}`, 32);
  const sockets: WebSocket[] = [];
  try {
    const watched = await prepareApp(stack.url, 0);
    const quiet = await prepareApp(stack.url, 0);
    const pids = workerdPids(stack.pid);
    const cpu = new CpuMeter(() => pids);
    for (let i = 0; i < 3; i++) await writeProject(client, quiet, -i);
    const rssBefore = rssMb(pids);

    let arrivals: number[] = [];
    // The first ticket holds the workspace's realtime interest, and so changes what every remembered
    // admission of the credential says about it: the tickets after it find it held.
    sockets.push(await openSocket(client, watched, () => arrivals.push(performance.now())));
    for (let opened = 1; opened < SOCKETS; opened += 20) {
      const batch = Array.from({ length: Math.min(20, SOCKETS - opened) }, () =>
        openSocket(client, watched, () => arrivals.push(performance.now())),
      );
      sockets.push(...(await Promise.all(batch)));
    }
    await sleep(2000);
    // Listed again: wrangler may have started or ended a workerd process meanwhile.
    const rssAfter = rssMb(workerdPids(stack.pid));

    cpu.start();
    await sleep(IDLE_MS);
    const idleCpuMsPerSecond = cpu.stop() / (IDLE_MS / 1000);

    // The same write with nobody connected: what a broadcast costs beyond it is the hub's fan-out.
    cpu.start();
    for (let n = 0; n < BROADCASTS; n++) {
      expectStatus('write', await writeProject(client, quiet, n), 201);
      await sleep(300);
    }
    const quietCpu = cpu.stop();

    const fanOut: number[] = [];
    const spread: number[] = [];
    cpu.start();
    for (let n = 0; n < BROADCASTS; n++) {
      arrivals = [];
      const sent = performance.now();
      expectStatus('write', await writeProject(client, watched, n), 201);
      const deadline = Date.now() + 5000;
      while (arrivals.length < SOCKETS && Date.now() < deadline) await sleep(5);
      if (arrivals.length < SOCKETS) throw new Error(`broadcast ${n}: ${arrivals.length} of ${SOCKETS} sockets heard it`);
      const first = Math.min(...arrivals);
      for (const at of arrivals) {
        fanOut.push(at - sent);
        spread.push(at - first);
      }
    }
    const watchedCpu = cpu.stop();
    // The two loops wait the same 300 ms per round only in the quiet one; idle CPU over the difference is negligible.
    fanOut.sort((a, b) => a - b);
    spread.sort((a, b) => a - b);
    const rssPerThousand = ((rssAfter - rssBefore) / SOCKETS) * 1000;
    return {
      sockets: SOCKETS,
      broadcasts: BROADCASTS,
      fanOutMs: { p50: percentile(fanOut, 50), p99: percentile(fanOut, 99) },
      spreadMs: { p50: percentile(spread, 50), p99: percentile(spread, 99) },
      cpuPerBroadcastMs: (watchedCpu - quietCpu) / BROADCASTS,
      idleCpuMsPerSecond,
      rssPerThousandSocketsMb: rssPerThousand,
      estimate10k: { rssMb: rssPerThousand * 10, idleCpuMsPerSecond: (idleCpuMsPerSecond * 10_000) / SOCKETS },
    };
  } finally {
    for (const ws of sockets) ws.close();
    client.close();
    await stack.stop();
  }
}

const round = (n: number) => Math.round(n * 10) / 10;

export function realtimeMarkdown(r: RealtimeResults, date = new Date().toISOString().slice(0, 10)): string {
  return `## Realtime hub (\`npm run bench:realtime\`, run on its own on ${date})

One workspace's \`WorkspaceHub\` on the local stack (\`wrangler dev\`, workerd), ${r.sockets} WebSockets
from one Node process on the same machine, ${r.broadcasts} broadcasts (each a project created through
the API; the hub hears of it through the outbox and the queue). Run: \`npm run bench:realtime\`.

| Measure | Value |
|---|---|
| Broadcast fan-out, write sent → socket got it, p50 | ${round(r.fanOutMs.p50)} ms |
| Broadcast fan-out, write sent → socket got it, p99 | ${round(r.fanOutMs.p99)} ms |
| Spread, first → last socket, p50 / p99 | ${round(r.spreadMs.p50)} / ${round(r.spreadMs.p99)} ms |
| workerd CPU per broadcast beyond the same write with no one connected | ${round(r.cpuPerBroadcastMs)} ms |
| workerd CPU while the ${r.sockets} sockets are idle | ${round(r.idleCpuMsPerSecond)} ms per second |
| workerd memory per 1,000 open sockets | ${round(r.rssPerThousandSocketsMb)} MB |

**10,000 idle hibernated connections (estimate from the measured numbers).** Idle sockets cost no CPU
beyond what was measured above (${round(r.estimate10k.idleCpuMsPerSecond)} ms per second for 10,000,
scaled linearly; heartbeats are answered by the runtime without waking the hub), and about
${round(r.estimate10k.rssMb)} MB of runtime memory, scaled linearly from 1,000. Locally the hub stays
resident, so the memory is the sockets' plus the object's; on Cloudflare a hibernated hub is evicted and
its sockets are held by the runtime (the object is not billed for duration while hibernated), and a
broadcast to 10,000 would cost about ${round(r.cpuPerBroadcastMs * 10)} ms of CPU, ten times the
measured fan-out, once the hub wakes.

Events reach the hub through the outbox and the queue (the jobs queue delivers at once); the fan-out above includes the queue's delivery and the consumer's ledger transaction, and the CPU per broadcast includes that consumer, which a write in a workspace where nobody is connected does not pay (its event is written sent).
`;
}

/** Puts the section into bench/RESULTS.md, in place of an earlier one. */
export const writeRealtimeSection = (section: string) => writeResultsSection('## Realtime hub', section);

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await runRealtimeBench();
  const section = realtimeMarkdown(results);
  writeFileSync(join(root, 'bench', 'realtime.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeRealtimeSection(section);
  console.log(section);
}
