/**
 * `npm run bench`: throughput, latency, database round trips and worker CPU of the app against a
 * hello-world worker on the same runtime, plus the password KDF, log-in, bundle size, start-up and
 * whether the app isolate's heap grows over 20,000 requests.
 *
 * Starts (on free ports) a hello-world `wrangler dev` (bench/baseline/), the whole stack with an
 * in-memory database (scripts/stack.ts, in bench/stack-host.ts) and a probe worker next to the
 * deploy bundle (bench/probe/). The same deploy bundle, and the hello world's, also run under
 * Miniflare's Node API without `wrangler dev` (bench/miniflare-host.ts, on the stack's database
 * endpoint): no dev proxy, no console forwarding over the inspector, no assets router, no local
 * observability collector. Those rows, and the app isolate's own time from a CPU profile, are the
 * numbers to hold against the platform's CPU limit. Prints a Markdown table and the targets, and
 * rewrites bench/results.json and bench/RESULTS.md. Missed targets are reported, not turned into an
 * exit code.
 *
 *   BENCH_CONCURRENCY   concurrent connections per scenario (default 8)
 *   BENCH_DURATION_MS   measured time per scenario, over all rounds (default 12000)
 *   BENCH_ROUNDS        interleaved rounds the measured time is split into (default 3)
 *   BENCH_WARMUP_MS     warm-up before a scenario's first round (default 2000; 500 ms before later ones)
 *   BENCH_ROUND_TRIPS   e.g. `c,d,d-limit`: only start the stack and count the database round trips of
 *                       these scenarios (no load, no baseline); prints them and writes nothing
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { root } from '../scripts/stack.ts';
import {
  addApiKeys,
  addLimitedWorkspace,
  appRequests,
  benchPassword,
  expectStatus,
  type PreparedApp,
  prepareApp,
  randomIp,
} from './lib/app.ts';
import { dryRunBundle, ensureWebBuilt, scriptsOf } from './lib/bundle.ts';
import { heapGrowth } from './lib/heap.ts';
import { answersByStatus, openLoop, type PhaseSummary, recoveryMs, summarizePhase } from './lib/open-loop.ts';
import { coldStarts, compileMs, eagerBytes } from './lib/startup.ts';
import { webFirstLoad } from './lib/web-first-load.ts';
import { realtimeMarkdown, runRealtimeBench, writeRealtimeSection } from './realtime.ts';
import { runWebhookBench, webhooksMarkdown, writeWebhookSection } from './webhooks.ts';
import { listTargets, type ProfileSummary } from './lib/inspector.ts';
import { appIsolateId } from './lib/inspectable-app.ts';
import { type BenchRequest, Client, percentile, runLoad, sleep } from './lib/load.ts';
import {
  CpuMeter,
  clockTicks,
  cpuMsBetween,
  descendants,
  nonWorkerdPids,
  sampleCpu,
  workerdPids,
  workerdRole,
  workerdVersion,
} from './lib/proc.ts';
import { drive, profileRequests, requestSpread } from './lib/profiling.ts';
import {
  type DbRoundTrips,
  type IsolateProfile,
  markdown,
  type Results,
  resultsFile,
  type Runtime,
  type ScenarioResult,
  type Target,
} from './lib/report.ts';
import {
  type MiniflarePair,
  type MiniflareProcess,
  type StackProcess,
  rootCompatibility,
  startMiniflareApp,
  startMiniflarePair,
  startBenchStack,
  startWranglerDev,
  type WranglerDev,
  waitFor200,
} from './lib/servers.ts';
import { envNumber } from './lib/env.ts';

const settings = {
  concurrency: envNumber('BENCH_CONCURRENCY', 8),
  warmupMs: envNumber('BENCH_WARMUP_MS', 2_000),
  durationMs: envNumber('BENCH_DURATION_MS', 12_000),
  rounds: envNumber('BENCH_ROUNDS', 3),
  roundWarmupMs: 500,
  roundTripRequests: 50,
  /** Keys the API-key rows take in turn, so that no key meets its limit (1,000 a minute) under load. */
  apiKeys: 40,
  logins: 5,
  kdfHashes: 5,
  seededProjects: 20,
  clockTicksPerSecond: clockTicks,
  /** The app isolate's CPU profile (Miniflare rows): sequential requests, sampling interval. */
  profileRequests: 200,
  profileIntervalUs: 200,
  /** Requests of each Miniflare row after its bundles were started again, before anything is read. */
  warmUpRequests: 400,
  /** Cold isolates whose first evaluation of the bundle is timed (median reported). */
  coldStarts: 5,
  /** The (c-mf) list requests after which the app isolate's heap is read, and in all (issue 12: within 10 %). */
  heapFirstRequests: 2_000,
  heapTotalRequests: 20_000,
  /** Open loop on (c-mf), as shares of its closed-loop req/s: steady at half for 30 s (and the floor, a''-mf, at the same rate); a surge at 1.5× for 10 s, then half again for 10 s. */
  openLoopSteadyMs: 30_000,
  openLoopSurgeMs: 10_000,
  openLoopAfterMs: 10_000,
};
const benchDir = join(root, 'bench');
/** What a run writes into bench/. */
const benchOutputs = ['RESULTS.md', 'results.json', 'realtime.json', 'webhooks.json', 'PROFILE.md'];
/** The app's isolate as Miniflare's inspector lists it (`core:user:<worker name>`). */

// ---------------------------------------------------------------------------------------------
// Everything started is stopped on the way out, whatever happens.

const cleanups: Array<() => Promise<unknown>> = [];
async function cleanup(): Promise<void> {
  for (const step of cleanups.splice(0).reverse()) await step().catch((e: unknown) => console.error('cleanup:', e));
}
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) process.exit(1);
    interrupted = true;
    console.error(`\n${signal}: stopping…`);
    void cleanup().finally(() => process.exit(130));
  });
}

const tmp = mkdtempSync(join(tmpdir(), 'bench-'));
cleanups.push(async () => rmSync(tmp, { recursive: true, force: true }));
// wrangler keeps its build output next to the config; keep the baseline's out of the tree.
cleanups.push(async () => rmSync(join(benchDir, 'baseline/.wrangler'), { recursive: true, force: true }));

const log = (line: string) => console.error(line);

// ---------------------------------------------------------------------------------------------
// Helpers

/** Miniflare answers on 127.0.0.1 already; keeps the load generator off name resolution either way. */
function loopback(url: string): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  return u.origin;
}

/** What the results keep of a profile: the isolate's time per request and where most of it went. */
function isolateProfile(summary: ProfileSummary, requests: number, perRequestMs: number[] | null): IsolateProfile {
  return {
    requests,
    intervalUs: summary.intervalUs,
    msPerReq: summary.busyMs / requests,
    perRequest: requestSpread(perRequestMs),
    topSelf: summary.selfTop.slice(0, 8).map((h) => ({
      name: h.calledFrom ? `${h.name} ← ${h.calledFrom}` : h.name,
      where: h.where,
      origin: h.origin,
      msPerReq: h.ms / requests,
    })),
    byOrigin: summary.byOrigin.slice(0, 10).map((o) => ({ origin: o.origin, msPerReq: o.ms / requests })),
  };
}

function median(values: number[]): number {
  return percentile(
    values.slice().sort((a, b) => a - b),
    50,
  );
}

function version(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', cwd: root }).trim();
  } catch {
    return 'unknown';
  }
}

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

// ---------------------------------------------------------------------------------------------
// Phases

const notMeasured: string[] = [];
const results: Results = {
  date: new Date().toISOString(),
  git: {
    commit: version('git', ['rev-parse', 'HEAD']),
    // The bench's own output of an earlier run does not make the measured code uncommitted.
    dirty: version('git', ['status', '--porcelain', '--', '.', ...benchOutputs.map((file) => `:!bench/${file}`)]) !== '',
  },
  versions: {
    node: process.version,
    // Replaced by the version of the workerd that wrangler actually runs, once one is up.
    workerd: version(join(root, 'node_modules/.bin/workerd'), ['--version']),
    wrangler: packageVersion('wrangler'),
    hono: packageVersion('hono'),
  },
  settings,
  scenarios: [],
  kdf: null,
  login: null,
  bindingCalls: null,
  bundle: null,
  webFirstLoad: null,
  startup: {
    wranglerReportedMs: null,
    moduleEvalMs: null,
    moduleEvalSamplesMs: [],
    firstUse: [],
    moduleEvalCpuMs: null,
    compileSamplesMs: [],
    stackStartMs: null,
    baselineWranglerStartMs: null,
  },
  heap: null,
  openLoop: null,
  notMeasured,
  targets: [],
};

/** The deploy bundles that also run under Miniflare: the app's and the hello world's. */
const bundles = { app: null as string | null, baseline: null as string | null };

/** Bundle sizes, then the probe worker: start-up (first import of the bundle) and the KDF. */
async function bundleAndProbe(): Promise<void> {
  log('Building the deploy bundle (wrangler deploy --dry-run)…');
  const webBuilt = await ensureWebBuilt();
  // The bundle production runs (minified, docs/decisions/066-minified-deploys.md) is the one timed.
  const asConfigured = await dryRunBundle(join(tmp, 'bundle'), { env: 'production' });
  bundles.app = asConfigured.mainPath;
  bundles.baseline = (await dryRunBundle(join(tmp, 'bundle-baseline'), { config: 'bench/baseline/wrangler.toml' })).mainPath;
  const eager = eagerBytes(asConfigured.metafilePath);
  results.bundle = {
    asConfigured: {
      modules: Object.keys(asConfigured.scripts).length,
      eagerModules: asConfigured.eagerModules.length,
      bytes: asConfigured.bytes,
      gzipBytes: asConfigured.gzipBytes,
      wranglerTotalUploadKiB: asConfigured.wranglerTotalUploadKiB,
      wranglerGzipKiB: asConfigured.wranglerGzipKiB,
    },
    eager: { eagerBytes: eager.eager, totalBytes: eager.total },
    webBuilt,
  };
  log(`Start-up: ${settings.coldStarts} cold isolates, then each lazily loaded part…`);
  try {
    const cold = await coldStarts(asConfigured.mainPath, join(tmp, 'cold-starts'), rootCompatibility(), settings.coldStarts);
    results.startup.moduleEvalSamplesMs = cold.evalMs;
    results.startup.moduleEvalMs = median(cold.evalMs);
    results.startup.firstUse = cold.firstUse;
    results.startup.firstRequests = cold.firstRequests;
    results.startup.compileSamplesMs = compileMs(asConfigured.eagerModules, settings.coldStarts);
  } catch (error) {
    notMeasured.push(`start-up: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  results.webFirstLoad = webFirstLoad(join(root, 'web/dist'));
  results.startup.wranglerReportedMs = asConfigured.wranglerStartupMs;
  if (asConfigured.wranglerStartupMs === null) {
    notMeasured.push(
      `wrangler ${results.versions.wrangler} prints no "Worker Startup Time" in \`deploy --dry-run\`; start-up is the first evaluation of the same bundle inside workerd instead`,
    );
  }

  // The probe runs unbundled next to a copy of the deploy bundle, in a folder of its own.
  const probeDir = join(tmp, 'probe');
  const persistTo = join(tmp, 'probe-state');
  mkdirSync(probeDir, { recursive: true });
  mkdirSync(persistTo, { recursive: true });
  copyFileSync(join(benchDir, 'probe/worker.js'), join(probeDir, 'worker.js'));
  copyFileSync(asConfigured.mainPath, join(probeDir, 'app.js'));
  // The modules the bundle imports beside its main one (text, data, wasm), under their own names.
  const bundleDir = dirname(asConfigured.mainPath);
  for (const file of readdirSync(bundleDir)) {
    if (join(bundleDir, file) !== asConfigured.mainPath && /\.(js|mjs|txt|html|sql|bin|wasm)$/.test(file)) {
      copyFileSync(join(bundleDir, file), join(probeDir, file));
    }
  }
  const compat = rootCompatibility();
  writeFileSync(
    join(probeDir, 'wrangler.toml'),
    [
      'name = "bench-probe"',
      'main = "worker.js"',
      `compatibility_date = "${compat.date}"`,
      `compatibility_flags = [${compat.flags.map((f) => `"${f}"`).join(', ')}]`,
      'no_bundle = true',
      'find_additional_modules = true',
      'rules = [',
      '  { type = "ESModule", globs = ["**/*.js", "**/*.mjs"] },',
      '  { type = "Text", globs = ["**/*.txt", "**/*.html", "**/*.sql"] },',
      '  { type = "Data", globs = ["**/*.bin"] },',
      '  { type = "CompiledWasm", globs = ["**/*.wasm"] },',
      ']',
      '',
    ].join('\n'),
  );
  log('Starting the probe worker…');
  const probe = await startWranglerDev({ config: join(probeDir, 'wrangler.toml'), label: 'probe', persistTo });
  cleanups.push(() => probe.stop());
  try {
    const client = new Client(probe.url, 1);
    const pids = () => workerdPids(probe.pid);

    // One hash first, so the measured ones do not pay for the first use of WebCrypto.
    await client.send({ method: 'GET', path: '/kdf?n=1' });
    const kdfBefore = sampleCpu(pids());
    const kdf = await client.send({ method: 'GET', path: `/kdf?n=${settings.kdfHashes}` });
    const kdfCpu = cpuMsBetween(kdfBefore, sampleCpu(pids()));
    expectStatus('probe /kdf', kdf, 200);
    const body = JSON.parse(kdf.body) as { iterations: number; ms: number[] };
    results.kdf = {
      where: 'inside workerd (WebCrypto)',
      iterations: body.iterations,
      hashes: body.ms.length,
      msEach: body.ms,
      p50Ms: median(body.ms),
      cpuMsPerHash: kdfCpu / body.ms.length,
    };
    client.close();
  } finally {
    await probe.stop();
  }
}

interface Scenario {
  id: string;
  name: string;
  runtime: Runtime;
  method: string;
  path: string;
  url: string;
  /** Answers 200 once the worker is up (after a reload, say). */
  readyPath: string;
  request: () => BenchRequest;
  /** wrangler, or the Miniflare host (workerd below either); for the app, the stack host. */
  serverPid: () => number;
  hostPid: number | null;
  dbServerUrl: string | null;
}

/** The hello-world row a scenario is compared with: the same runtime's. */
const floorOf = (runtime: Runtime) => (runtime === 'wrangler' ? 'a' : 'a-mf');

/**
 * What a workerd process does. Under `wrangler dev` the one with an inspector runs the worker (with
 * wrangler's entry worker in front of it) and the other is wrangler's proxy; Miniflare runs one.
 */
const roleIn = (scenario: Scenario, pid: number) => (scenario.runtime === 'miniflare' ? 'worker' : workerdRole(pid));

function wranglerPidUnder(hostPid: number): number {
  const wrangler = descendants(hostPid).find((p) => workerdPids(p.pid).length > 0);
  if (!wrangler) throw new Error('no wrangler process with workerd below the stack host');
  return wrangler.pid;
}

/** What one measured window of one scenario gave. */
interface Part {
  requests: number;
  seconds: number;
  latenciesMs: number[];
  errors: number;
  errorSamples: string[];
  workerdMs: Map<number, number>;
  roles: Map<number, 'worker' | 'proxy'>;
  wranglerOtherMs: number;
  dbHostMs: number | null;
  clientCpuMs: number;
  /** Why the window cannot be trusted (e.g. wrangler reloaded the worker during it), or null. */
  disturbed: string | null;
}

/**
 * Each row's requests after its runtime was started again, so that what is read next meets warm code;
 * then the wait until the work their events left (the projects the create row made, through the
 * outbox and the queue) is done, so that none of it lands among what is read next.
 */
async function warmUp(rows: readonly Scenario[], dbServerUrl: string): Promise<void> {
  for (const row of rows) await drive(row.url, row.request, settings.warmUpRequests, settings.concurrency);
  await untilDatabaseIdle(dbServerUrl);
}

async function measure(scenario: Scenario, warmupMs: number, durationMs: number): Promise<Part> {
  const serverPid = scenario.serverPid();
  const workerd = new CpuMeter(() => workerdPids(serverPid));
  const wranglerOther = new CpuMeter(() => nonWorkerdPids(serverPid));
  const host = scenario.hostPid === null ? null : new CpuMeter(() => [scenario.hostPid as number]);
  const cpu = { workerdMs: new Map<number, number>(), wranglerOtherMs: 0, dbHostMs: null as number | null };
  const roles = new Map<number, 'worker' | 'proxy'>();
  let pidsAtStart: number[] = [];
  let disturbed: string | null = null;
  const result = await runLoad({
    baseUrl: scenario.url,
    concurrency: settings.concurrency,
    warmupMs,
    durationMs,
    request: scenario.request,
    onMeasureStart: () => {
      pidsAtStart = workerdPids(serverPid);
      workerd.start();
      wranglerOther.start();
      host?.start();
    },
    onMeasureEnd: () => {
      cpu.workerdMs = workerd.stopPerProcess();
      cpu.wranglerOtherMs = wranglerOther.stop();
      cpu.dbHostMs = host ? host.stop() : null;
      // wrangler rebuilds and restarts the worker when a watched source file changes: a window
      // that saw a restart holds a cold start and stalled requests, not the steady state.
      const pidsAtEnd = [...cpu.workerdMs.keys()].sort((a, b) => a - b);
      pidsAtStart.sort((a, b) => a - b);
      if (pidsAtEnd.length === 0 || pidsAtEnd.join() !== pidsAtStart.join()) {
        disturbed = `workerd processes changed during the window (${pidsAtStart.join(',')} → ${pidsAtEnd.join(',')})`;
      }
      for (const pid of pidsAtEnd) roles.set(pid, roleIn(scenario, pid));
    },
  });
  return {
    roles,
    disturbed,
    requests: result.requests,
    seconds: result.seconds,
    latenciesMs: result.latenciesMs,
    errors: result.errors,
    errorSamples: result.errorSamples,
    clientCpuMs: result.clientCpuMs,
    ...cpu,
  };
}

/** Per scenario: windows measured again, and why. */
const discarded = new Map<string, string[]>();

const sum = (values: number[]) => values.reduce((total, v) => total + v, 0);

/** Pools a scenario's rounds: requests over time, CPU over requests, latencies together. */
function combine(scenario: Scenario, parts: Part[], baseline: ScenarioResult | null): ScenarioResult {
  const requests = sum(parts.map((p) => p.requests));
  const seconds = sum(parts.map((p) => p.seconds));
  const n = Math.max(1, requests);
  const latencies = parts.flatMap((p) => p.latenciesMs).sort((a, b) => a - b);
  const perPid = new Map<number, number>();
  for (const part of parts) for (const [pid, ms] of part.workerdMs) perPid.set(pid, (perPid.get(pid) ?? 0) + ms);
  const roleOf = (pid: number) => parts.find((p) => p.roles.has(pid))?.roles.get(pid) ?? roleIn(scenario, pid);
  const processes = [...perPid].map(([pid, ms]) => ({ pid, role: roleOf(pid), ms, msPerReq: ms / n }));
  const workerdMs = sum(processes.map((p) => p.ms));
  const wranglerOtherMs = sum(parts.map((p) => p.wranglerOtherMs));
  const dbHostMs = scenario.hostPid === null ? null : sum(parts.map((p) => p.dbHostMs ?? 0));
  const rps = requests / seconds;
  const cpuMsPerReq = workerdMs / n;
  const workerCpuMsPerReq = sum(processes.filter((p) => p.role === 'worker').map((p) => p.msPerReq));
  return {
    id: scenario.id,
    name: scenario.name,
    runtime: scenario.runtime,
    method: scenario.method,
    path: scenario.path,
    requests,
    seconds,
    rps,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    meanMs: sum(latencies) / Math.max(1, latencies.length),
    errors: sum(parts.map((p) => p.errors)),
    errorSamples: parts.flatMap((p) => p.errorSamples).slice(0, 5),
    ratioToBaseline: baseline ? rps / baseline.rps : 1,
    cpuMsPerReq,
    cpuMsPerReqOverFloor: baseline ? cpuMsPerReq - baseline.cpuMsPerReq : null,
    workerCpuMsPerReq,
    workerCpuMsPerReqOverFloor: baseline ? workerCpuMsPerReq - baseline.workerCpuMsPerReq : null,
    cpuDetail: {
      workerdMs,
      workerdProcesses: processes,
      wranglerOtherMs,
      wranglerOtherMsPerReq: wranglerOtherMs / n,
      dbHostMs,
      dbHostMsPerReq: dbHostMs === null ? null : dbHostMs / n,
      clientMsPerReq: sum(parts.map((p) => p.clientCpuMs)) / n,
    },
    discardedWindows: discarded.get(scenario.id) ?? [],
    rounds: parts.map((p) => ({
      rps: p.requests / p.seconds,
      p50Ms: percentile(p.latenciesMs, 50),
      cpuMsPerReq: sum([...p.workerdMs.values()]) / Math.max(1, p.requests),
    })),
    db: null,
    isolate: null,
  };
}

async function dbStats(dbServerUrl: string) {
  return (await (await fetch(`${dbServerUrl}/__stats`)).json()) as {
    sqlRequests: number;
    sqlQueries: number;
    wsConnections: number;
    wsMessages: number;
  };
}

/**
 * Waits until the database endpoint's counters stand still for longer than the queue consumer's batch
 * timeout (5 s in wrangler.toml: a message may wait that long before it runs), at most two minutes.
 */
async function untilDatabaseIdle(dbServerUrl: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  const total = async () => {
    const stats = await dbStats(dbServerUrl);
    return stats.sqlRequests + stats.wsMessages;
  };
  let last = await total();
  while (Date.now() < deadline) {
    await sleep(6_000);
    const now = await total();
    if (now === last) return;
    last = now;
  }
  log('  the database never went idle within two minutes; counting anyway');
}

/**
 * Durable Object requests and KV writes of the ordinary requests, on the deploy bundle under
 * Miniflare with a tail worker that counts every invocation (a separate instance: the tail costs
 * CPU, so the measured rows run without it). Each scenario: N sequential requests, then a wait
 * longer than the queue's batch timeout, so work its events cause in the consumer counts too.
 */
async function countBindingCalls(bundle: string, stack: Pick<StackProcess, 'dbServerUrl' | 'postgresUrl'>): Promise<void> {
  const kvBound = /^\s*\[\[kv_namespaces\]\]/m.test(readFileSync(join(root, 'wrangler.toml'), 'utf8'));
  if (kvBound) notMeasured.push('KV writes: wrangler.toml binds a KV namespace, and the bench does not count its writes yet');
  log('Counting Durable Object requests (Miniflare with a counting tail worker)…');
  let counted: (MiniflareProcess & { origin: string }) | null = null;
  try {
    counted = await startMiniflareApp({ scriptPath: bundle, stack, countInvocations: true });
    const invocations = counted.invocations;
    const prepared = await prepareApp(counted.origin, 1);
    const requests = appRequests(prepared, await addApiKeys(prepared, stack.postgresUrl, 1));
    const scenarios = { b: requests.health, c: requests.list, 'c-key': requests.listByKey, d: requests.create };
    const n = settings.roundTripRequests;
    const client = new Client(loopback(counted.url), 1);
    const rows: NonNullable<Results['bindingCalls']>['rows'] = [];
    try {
      for (const [id, request] of Object.entries(scenarios)) {
        await sleep(6_000);
        await invocations();
        let ok = 0;
        for (let i = 0; i < n; i++) if ((await client.send(request())).status < 300) ok++;
        await sleep(6_000);
        const byName = await invocations();
        const durableObjects = Object.entries(byName).filter(([name]) => !name.startsWith('default '));
        rows.push({
          id,
          requests: n,
          okRequests: ok,
          durableObjectRequestsPerReq: durableObjects.reduce((total, [, count]) => total + count, 0) / n,
          durableObjectCalls: Object.fromEntries(durableObjects),
          kvWritesPerReq: kvBound ? null : 0,
        });
      }
    } finally {
      client.close();
    }
    results.bindingCalls = { rows };
  } catch (error) {
    notMeasured.push(`Durable Object requests: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  } finally {
    await counted?.stop();
  }
}

/** Database round trips per request: N sequential requests between a reset and a read of the counters. */
async function roundTrips(dbServerUrl: string, url: string, request: () => BenchRequest): Promise<DbRoundTrips> {
  const n = settings.roundTripRequests;
  const client = new Client(url, 1);
  // Let anything still in flight land first: a session closed after the previous response, and the
  // queue's backlog (the rounds of (d) leave events and jobs behind that the consumer drains for a
  // while), which would otherwise be counted against this scenario's requests.
  await untilDatabaseIdle(dbServerUrl);
  const reset = await fetch(`${dbServerUrl}/__stats/reset`, { method: 'POST' });
  if (!reset.ok) throw new Error(`POST /__stats/reset: ${reset.status}`);
  let ok = 0;
  for (let i = 0; i < n; i++) {
    const res = await client.send(request());
    if (res.status >= 200 && res.status < 300) ok++;
  }
  client.close();
  await sleep(500);
  const stats = await dbStats(dbServerUrl);
  return {
    requests: n,
    okRequests: ok,
    sqlRequestsPerReq: stats.sqlRequests / n,
    sqlQueriesPerReq: stats.sqlQueries / n,
    wsConnectionsPerReq: stats.wsConnections / n,
    wsMessagesPerReq: stats.wsMessages / n,
    roundTripsPerReq: (stats.sqlRequests + stats.wsMessages) / n,
  };
}

async function logins(app: PreparedApp, wranglerPid: number): Promise<void> {
  log(`Logging in ${settings.logins} times…`);
  const client = new Client(app.url, 1);
  const meter = new CpuMeter(() => workerdPids(wranglerPid));
  const latencies: number[] = [];
  let ok = 0;
  meter.start();
  for (let i = 0; i < settings.logins; i++) {
    const res = await client.send({
      method: 'POST',
      path: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json', origin: app.origin, 'cf-connecting-ip': randomIp() },
      body: JSON.stringify({ email: app.email, password: benchPassword }),
    });
    latencies.push(res.ms);
    if (res.status === 200) ok++;
    else log(`log-in answered ${res.status}: ${res.body.slice(0, 300)}`);
  }
  const cpu = meter.stop();
  client.close();
  results.login = { requests: settings.logins, ok, p50Ms: median(latencies), cpuMsPerReq: cpu / settings.logins };
}

function checkTargets(): Target[] {
  const byId = new Map(results.scenarios.map((s) => [s.id, s]));
  const targets: Target[] = [];
  // Issue 12's targets: the app against the floor of any database-backed request (a''), same run.
  const floorShares = [
    { id: 'c-mf', floor: 'a-db-mf', share: 0.7 },
    { id: 'c', floor: 'a-db', share: 0.8 },
    { id: 'd-mf', floor: 'a-db-mf', share: 0.6 },
    { id: 'd', floor: 'a-db', share: 0.7 },
  ];
  for (const { id, floor, share } of floorShares) {
    const s = byId.get(id);
    const f = byId.get(floor);
    if (!s || !f) continue;
    const ratio = s.rps / f.rps;
    targets.push({
      name: `${s.name} throughput against the floor (${floor})`,
      goal: `≥ ${(share * 100).toFixed(0)} % of (${floor})'s req/s`,
      value: `${(ratio * 100).toFixed(0)} % (${s.rps.toFixed(0)} vs ${f.rps.toFixed(0)} req/s)`,
      pass: ratio >= share && s.errors === 0,
    });
  }
  const cpuLimits = { b: 0.2, c: 1.0, d: 1.2 } as const;
  for (const [id, limit] of Object.entries(cpuLimits)) {
    const s = byId.get(`${id}-mf`);
    const isolate = s?.isolate ?? null;
    targets.push({
      name: `${s?.name ?? id} CPU in the isolate (profile)`,
      goal: `≤ ${limit} ms per request`,
      value: isolate ? `${isolate.msPerReq.toFixed(2)} ms` : 'not profiled',
      pass: isolate !== null && isolate.msPerReq <= limit,
    });
  }
  for (const id of Object.keys(cpuLimits)) {
    const s = byId.get(`${id}-mf`);
    const spread = s?.isolate?.perRequest ?? null;
    targets.push({
      name: `${s?.name ?? id} CPU in the isolate, request by request (profile)`,
      goal: 'p99 ≤ 2 × the median',
      value: spread
        ? `median ${spread.medianMs.toFixed(2)} ms, p99 ${spread.p99Ms.toFixed(2)} ms (${(spread.p99Ms / spread.medianMs).toFixed(1)} ×)`
        : 'not profiled',
      pass: spread !== null && spread.p99Ms <= 2 * spread.medianMs,
    });
  }
  const calls = results.bindingCalls;
  targets.push({
    name: 'Durable Object requests and KV writes on ordinary requests ((b), (c), (c-key), (d))',
    goal: 'zero of each',
    value: calls
      ? calls.rows
          .map(
            (r) =>
              `${r.id} ${r.durableObjectRequestsPerReq.toFixed(2)} DO/req, ${r.kvWritesPerReq === null ? '? ' : r.kvWritesPerReq.toFixed(0)} KV writes/req`,
          )
          .join('; ')
      : 'not measured',
    pass:
      calls !== null &&
      calls.rows.every((r) => r.durableObjectRequestsPerReq === 0 && r.kvWritesPerReq === 0 && r.okRequests === r.requests),
  });
  const heap = results.heap;
  const heapGrowthLimit = 0.1;
  const grew = heap ? heap.afterAllBytes / heap.afterFirstBytes - 1 : null;
  targets.push({
    name: `No leak: the app isolate's heap after ${settings.heapTotalRequests.toLocaleString('en-US')} (c-mf) requests against after ${settings.heapFirstRequests.toLocaleString('en-US')}`,
    goal: `within ${heapGrowthLimit * 100} %`,
    value:
      heap && grew !== null
        ? `${(heap.afterAllBytes / 1048576).toFixed(2)} MiB vs ${(heap.afterFirstBytes / 1048576).toFixed(2)} MiB (${grew >= 0 ? '+' : ''}${(grew * 100).toFixed(1)} %), ${heap.errors} errors`
        : 'not measured',
    pass: heap !== null && grew !== null && Math.abs(grew) <= heapGrowthLimit && heap.errors === 0,
  });
  const open = results.openLoop;
  const spreadOf = (p: PhaseSummary) => `p50 ${p.p50Ms.toFixed(1)} ms, p99 ${p.p99Ms.toFixed(1)} ms (${(p.p99Ms / p.p50Ms).toFixed(1)} ×)`;
  targets.push({
    name: `Latency under steady open-loop load: (c-mf) at half its maximum for ${settings.openLoopSteadyMs / 1000} s`,
    goal: 'p99 ≤ 3 × p50, every answer 2xx',
    value: open
      ? `${open.steady.rate.toFixed(0)} req/s: ${spreadOf(open.steady)}; ${answersByStatus(open.steady)}${
          open.floorSteady ? `; the floor (a''-mf) at the same rate: ${spreadOf(open.floorSteady)}` : ''
        }${open.floorLimitedSteady ? `; the floor calling the locally simulated rate-limiting binding first: ${spreadOf(open.floorLimitedSteady)}` : ''}`
      : 'not measured',
    pass: open !== null && open.steady.p99Ms <= 3 * open.steady.p50Ms && open.steady.ok === open.steady.requests,
  });
  const shedOnly = (p: PhaseSummary) => Object.keys(p.statuses).every((status) => ['200', '429', '503'].includes(status));
  targets.push({
    name: `Load shedding: a surge at 1.5 × (c-mf)'s maximum for ${settings.openLoopSurgeMs / 1000} s, then half of it`,
    goal: 'sheds with 429/503 (no 500, no dropped connection) and serves everyone again within 5 s of the end',
    value: open
      ? `${open.surge.rate.toFixed(0)} req/s: ${answersByStatus(open.surge)}; after: ${answersByStatus(open.after)}; last refusal ${(open.recoveryMs / 1000).toFixed(1)} s after the end`
      : 'not measured',
    pass:
      open !== null &&
      (open.surge.statuses['429'] ?? 0) + (open.surge.statuses['503'] ?? 0) > 0 &&
      shedOnly(open.surge) &&
      shedOnly(open.after) &&
      open.recoveryMs <= 5_000,
  });
  const startupLimitMs = 50;
  const startupMs = results.startup.moduleEvalMs;
  targets.push({
    name: 'Start-up: first evaluation of the deploy bundle (median of the cold isolates)',
    goal: `≤ ${startupLimitMs} ms wall`,
    value:
      startupMs === null
        ? 'not measured'
        : `${startupMs.toFixed(0)} ms wall (${results.startup.moduleEvalSamplesMs.map((v) => v.toFixed(0)).join(', ')})`,
    pass: startupMs !== null && startupMs <= startupLimitMs,
  });
  return targets;
}

// ---------------------------------------------------------------------------------------------
// The run

/**
 * The round-trip counts of a few scenarios alone (BENCH_ROUND_TRIPS), without the load rounds: what
 * an entitlement check costs is a count, not a speed. The gated create (d-limit) meets a project limit
 * it is under; (d) runs the same create on the trial's plan, which has none.
 */
async function roundTripsOnly(ids: string[]): Promise<void> {
  log('Starting the stack (in-memory database, wrangler dev)…');
  const stack = await startBenchStack();
  cleanups.push(() => stack.stop());
  const app = await prepareApp(stack.url, settings.seededProjects);
  const r = appRequests(app, await addApiKeys(app, stack.postgresUrl, 1), await addLimitedWorkspace(app, stack.postgresUrl));
  const candidates: Record<string, { name: string; request: () => BenchRequest }> = {
    c: { name: '(c) `GET /api/v1/w/<slug>/projects?limit=20`', request: r.list },
    d: { name: '(d) `POST /api/v1/w/<slug>/projects` (trial: Team, no project limit)', request: r.create },
    'd-limit': { name: '(d-limit) the same create on Pro, under its limit of 50 projects', request: r.createUnderLimit },
  };
  const rows: string[] = [];
  for (const id of ids) {
    const scenario = candidates[id];
    if (!scenario) throw new Error(`BENCH_ROUND_TRIPS: no scenario ${id} (${Object.keys(candidates).join(', ')})`);
    log(`Counting database round trips for ${id} (${settings.roundTripRequests} sequential requests)…`);
    const db = await roundTrips(stack.dbServerUrl, loopback(stack.url), scenario.request);
    rows.push(
      `| ${scenario.name} | ${db.okRequests}/${db.requests} | ${db.roundTripsPerReq.toFixed(2)} | ${db.sqlRequestsPerReq.toFixed(2)} | ${db.sqlQueriesPerReq.toFixed(2)} | ${db.wsMessagesPerReq.toFixed(2)} | ${db.wsConnectionsPerReq.toFixed(2)} |`,
    );
  }
  const table = [
    '| Scenario | 2xx | DB round trips/req | HTTP requests | SQL statements | WS msgs | WS conns |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
  console.log(`\n${table}\n`);
  const commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  writeFileSync(
    join(benchDir, 'ROUND-TRIPS.md'),
    [
      '# Database round trips of single scenarios',
      '',
      `Written by \`BENCH_ROUND_TRIPS=${ids.join(',')} npm run bench\` (bench/run.ts) on ${new Date().toISOString().slice(0, 10)}, commit ${commit}: ` +
        `the stack alone (in-memory database, \`wrangler dev\`), ${settings.roundTripRequests} sequential requests per scenario between a reset and a read of the ` +
        'database endpoint’s counters, after the queue has gone idle. Round trips = SQL-over-HTTP requests + WebSocket messages.',
      '',
      table,
      '',
      'Entitlements: a project create carries its limit check, two statements (the lock, then the count against the plan’s limit) in ' +
        'the same batch as the insert. (d-limit) meets a real limit (Pro: 50 projects) and stays under it; (d) runs on the trial’s Team plan, ' +
        'which has none, so its two statements do nothing (no lock, no count) and only keep their places; (c) is a read with no plan check. Each is one round trip: the plan comes with the credential check, inside the ' +
        'same request to the database. A feature check (`entitled`) costs nothing at all: it reads the plan the credential check returned ' +
        '(worker/modules/billing/billing-round-trips.test.ts counts a PLAN_REQUIRED refusal at one round trip).',
      '',
    ].join('\n'),
  );
  log('Wrote bench/ROUND-TRIPS.md.');
}

async function main(): Promise<void> {
  const only = process.env.BENCH_ROUND_TRIPS;
  if (only) return roundTripsOnly(only.split(',').map((id) => id.trim()));
  const started = performance.now();
  try {
    await bundleAndProbe();
  } catch (error) {
    notMeasured.push(`bundle / start-up / KDF: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    log(`Bundle or probe failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  log('Starting the hello-world baseline (wrangler dev bench/baseline)…');
  const baseline: WranglerDev = await startWranglerDev({
    config: join(benchDir, 'baseline/wrangler.toml'),
    label: 'baseline',
    persistTo: join(tmp, 'baseline-state'),
  });
  cleanups.push(() => baseline.stop());
  results.startup.baselineWranglerStartMs = baseline.startMs;
  const baselineWorkerd = workerdPids(baseline.pid)[0];
  if (baselineWorkerd !== undefined) results.versions.workerd = workerdVersion(baselineWorkerd);

  log('Starting the stack (in-memory database, wrangler dev)…');
  const stack = await startBenchStack();
  cleanups.push(() => stack.stop());
  results.startup.stackStartMs = stack.startMs;

  log('Preparing: sign-up, workspace, projects…');
  const app = await prepareApp(stack.url, settings.seededProjects);
  const stackWrangler = wranglerPidUnder(stack.pid);
  const appRequest = appRequests(app, await addApiKeys(app, stack.postgresUrl, settings.apiKeys));

  // The same bundles without `wrangler dev`, measured without inspectors; started again with them
  // for the CPU profiles and the heap at the end (startMiniflarePair).
  let mfPair: MiniflarePair | null = null;
  let mfAppRequest: ReturnType<typeof appRequests> | null = null;
  if (bundles.app && bundles.baseline) {
    log('Starting the deploy bundles under Miniflare (no wrangler dev)…');
    const pair = await startMiniflarePair({ appBundle: bundles.app, baselineBundle: bundles.baseline, stack });
    mfPair = pair;
    cleanups.push(() => pair.stop());
    const mfPrepared = await prepareApp(pair.app.origin, settings.seededProjects);
    mfAppRequest = appRequests(mfPrepared, await addApiKeys(mfPrepared, stack.postgresUrl, settings.apiKeys));
  } else {
    notMeasured.push('the rows without `wrangler dev` (Miniflare): the deploy bundles were not built');
  }

  const hello = (path: string) => (): BenchRequest => ({ method: 'GET', path, headers: { 'cf-connecting-ip': randomIp() } });
  const sqlEndpoint = `${stack.dbServerUrl}/sql`;
  const helloDbAt = (path: string) => (): BenchRequest => ({
    method: 'GET',
    path,
    headers: { 'cf-connecting-ip': randomIp(), 'x-bench-sql-endpoint': sqlEndpoint },
  });
  const helloDb = helloDbAt('/db');
  const helloDbLimited = helloDbAt('/db-limited');
  const onWrangler = (s: Omit<Scenario, 'runtime'>): Scenario => ({ ...s, runtime: 'wrangler' });
  const scenarios: Scenario[] = [
    onWrangler({
      id: 'a',
      name: '(a) baseline `GET /` (hello world)',
      method: 'GET',
      path: '/',
      url: baseline.url,
      readyPath: '/',
      request: hello('/'),
      serverPid: () => baseline.pid,
      hostPid: null,
      dbServerUrl: null,
    }),
    onWrangler({
      id: 'a-log',
      name: "(a') calibration: baseline + one JSON log line",
      method: 'GET',
      path: '/log',
      url: baseline.url,
      readyPath: '/',
      request: hello('/log'),
      serverPid: () => baseline.pid,
      hostPid: null,
      dbServerUrl: null,
    }),
    onWrangler({
      id: 'a-db',
      name: "(a'') calibration: baseline + one SQL-over-HTTP round trip + one log line",
      method: 'GET',
      path: '/db',
      url: baseline.url,
      readyPath: '/',
      request: helloDb,
      serverPid: () => baseline.pid,
      // Not the app: the stack host is read for the database endpoint's CPU only.
      hostPid: stack.pid,
      dbServerUrl: null,
    }),
    onWrangler({
      id: 'b',
      name: '(b) `GET /health`',
      method: 'GET',
      path: '/health',
      url: app.url,
      readyPath: '/health',
      request: appRequest.health,
      serverPid: () => stackWrangler,
      hostPid: stack.pid,
      dbServerUrl: null,
    }),
    onWrangler({
      id: 'c',
      name: '(c) `GET /api/v1/w/<slug>/projects?limit=20`',
      method: 'GET',
      path: '/api/v1/w/<slug>/projects?limit=20',
      url: app.url,
      readyPath: '/health',
      request: appRequest.list,
      serverPid: () => stackWrangler,
      hostPid: stack.pid,
      dbServerUrl: stack.dbServerUrl,
    }),
    onWrangler({
      id: 'c-key',
      name: '(c-key) the same list with an API key',
      method: 'GET',
      path: '/api/v1/w/<slug>/projects?limit=20',
      url: app.url,
      readyPath: '/health',
      request: appRequest.listByKey,
      serverPid: () => stackWrangler,
      hostPid: stack.pid,
      dbServerUrl: stack.dbServerUrl,
    }),
    onWrangler({
      id: 'd',
      name: '(d) `POST /api/v1/w/<slug>/projects`',
      method: 'POST',
      path: '/api/v1/w/<slug>/projects',
      url: app.url,
      readyPath: '/health',
      request: appRequest.create,
      serverPid: () => stackWrangler,
      hostPid: stack.pid,
      dbServerUrl: stack.dbServerUrl,
    }),
  ];
  if (mfPair && mfAppRequest) {
    const pair = mfPair;
    const r = mfAppRequest;
    const miniflare = (
      s: Omit<Scenario, 'runtime' | 'serverPid' | 'readyPath' | 'dbServerUrl' | 'url' | 'hostPid'> & { on: 'baseline' | 'app' },
    ): Scenario => ({
      id: s.id,
      name: s.name,
      method: s.method,
      path: s.path,
      request: s.request,
      runtime: 'miniflare',
      url: loopback(s.on === 'app' ? pair.app.url : pair.baseline.url),
      readyPath: s.on === 'app' ? '/health' : '/',
      serverPid: () => (s.on === 'app' ? pair.app.pid : pair.baseline.pid),
      hostPid: s.on === 'app' ? stack.pid : null,
      dbServerUrl: null,
    });
    scenarios.push(
      miniflare({ on: 'baseline', id: 'a-mf', name: '(a-mf) baseline `GET /`, Miniflare', method: 'GET', path: '/', request: hello('/') }),
      miniflare({
        on: 'baseline',
        id: 'a-log-mf',
        name: "(a'-mf) calibration: + one JSON log line, Miniflare",
        method: 'GET',
        path: '/log',
        request: hello('/log'),
      }),
      {
        ...miniflare({
          on: 'baseline',
          id: 'a-db-mf',
          name: "(a''-mf) calibration: + one SQL-over-HTTP round trip + one log line, Miniflare",
          method: 'GET',
          path: '/db',
          request: helloDb,
        }),
        hostPid: stack.pid,
      },
      {
        ...miniflare({
          on: 'baseline',
          id: 'a-dbl-mf',
          name: "(a'''-mf) calibration: the floor calling the locally simulated rate-limiting binding first, Miniflare",
          method: 'GET',
          path: '/db-limited',
          request: helloDbLimited,
        }),
        hostPid: stack.pid,
      },
      miniflare({ on: 'app', id: 'b-mf', name: '(b-mf) `GET /health`, Miniflare', method: 'GET', path: '/health', request: r.health }),
      miniflare({
        on: 'app',
        id: 'c-mf',
        name: '(c-mf) `GET /api/v1/w/<slug>/projects?limit=20`, Miniflare',
        method: 'GET',
        path: '/api/v1/w/<slug>/projects?limit=20',
        request: r.list,
      }),
      miniflare({
        on: 'app',
        id: 'c-key-mf',
        name: '(c-key-mf) the same list with an API key, Miniflare',
        method: 'GET',
        path: '/api/v1/w/<slug>/projects?limit=20',
        request: r.listByKey,
      }),
      miniflare({
        on: 'app',
        id: 'd-mf',
        name: '(d-mf) `POST /api/v1/w/<slug>/projects`, Miniflare',
        method: 'POST',
        path: '/api/v1/w/<slug>/projects',
        request: r.create,
      }),
    );
  }

  // Interleaved rounds, so that every scenario sees the same conditions on average and a slow
  // moment (other work, a reload) does not land on one scenario alone.
  const parts = new Map<string, Part[]>(scenarios.map((sc) => [sc.id, []]));
  for (const sc of scenarios) discarded.set(sc.id, []);
  const slice = settings.durationMs / settings.rounds;
  for (let round = 1; round <= settings.rounds; round++) {
    for (const scenario of scenarios) {
      const warmupMs = round === 1 ? settings.warmupMs : settings.roundWarmupMs;
      log(`Round ${round}/${settings.rounds}: ${scenario.name} (${warmupMs / 1000} s warm-up, ${(slice / 1000).toFixed(1)} s measured)…`);
      let part = await measure(scenario, warmupMs, slice);
      for (let retry = 1; part.disturbed !== null && retry <= 3; retry++) {
        log(`  discarded: ${part.disturbed}; measuring again`);
        discarded.get(scenario.id)?.push(part.disturbed);
        await waitFor200(
          `${scenario.url}${scenario.readyPath}`,
          90_000,
          () => undefined,
          () => '',
        );
        part = await measure(scenario, settings.warmupMs, slice);
      }
      if (part.disturbed !== null) throw new Error(`${scenario.id}: every window was disturbed: ${part.disturbed}`);
      parts.get(scenario.id)?.push(part);
    }
  }
  const floors = new Map<string, ScenarioResult>();
  for (const scenario of scenarios) {
    const result = combine(scenario, parts.get(scenario.id) ?? [], floors.get(floorOf(scenario.runtime)) ?? null);
    if (scenario.id === floorOf(scenario.runtime)) floors.set(scenario.id, result);
    if (result.errors > 0) log(`${scenario.id}: ${result.errors} errors, e.g. ${result.errorSamples.join(' | ')}`);
    results.scenarios.push(result);
  }
  for (const scenario of scenarios) {
    if (!scenario.dbServerUrl) continue;
    log(`Counting database round trips for ${scenario.id} (${settings.roundTripRequests} sequential requests)…`);
    const result = results.scenarios.find((r) => r.id === scenario.id);
    if (result) result.db = await roundTrips(scenario.dbServerUrl, scenario.url, scenario.request);
  }

  await logins(app, stackWrangler);
  if (bundles.app) await countBindingCalls(bundles.app, stack);

  // The app isolate's own time, from a CPU profile of the Miniflare rows (and of the hello world's
  // isolate there, for the floor): the closest local reading of what the platform's limit counts.
  const measuredOnMiniflare = scenarios.filter((sc) => sc.runtime === 'miniflare');
  if (mfPair && bundles.app && bundles.baseline) {
    log('Miniflare again, with inspectors: warming each row up before its profile…');
    await mfPair.restart(true);
    await warmUp(measuredOnMiniflare, stack.dbServerUrl);
    const isolates = {
      baseline: { port: mfPair.inspectors?.baseline ?? null, id: 'core:user:bench-baseline', bundle: bundles.baseline },
      app: { port: mfPair.inspectors?.app ?? null, id: appIsolateId, bundle: bundles.app },
    };
    // The calibration rows are measured, not profiled: a profile of the hello world (a-mf) is the floor's.
    const calibrationsOnly = new Set(['a-log-mf', 'a-db-mf', 'a-dbl-mf']);
    for (const scenario of scenarios.filter((sc) => sc.runtime === 'miniflare' && !calibrationsOnly.has(sc.id))) {
      const result = results.scenarios.find((r) => r.id === scenario.id);
      const isolate = scenario.id.startsWith('a') ? isolates.baseline : isolates.app;
      const target = isolate.port === null ? undefined : (await listTargets(isolate.port))?.find((t) => t.id === isolate.id);
      if (!result || !target) {
        notMeasured.push(`the isolate profile of ${scenario.id}: no ${isolate.id} on the Miniflare inspector`);
        continue;
      }
      log(`Profiling the isolate: ${scenario.id} (${settings.profileRequests} sequential requests)…`);
      try {
        const run = await profileRequests({
          wsUrl: target.webSocketDebuggerUrl,
          url: scenario.url,
          readyUrl: `${scenario.url}${scenario.readyPath}`,
          request: scenario.request,
          requests: settings.profileRequests,
          concurrency: 1,
          intervalUs: settings.profileIntervalUs,
          workerPids: () => workerdPids(scenario.serverPid()),
          scripts: scriptsOf(isolate.bundle),
          collectFirst: true,
        });
        result.isolate = isolateProfile(run.summary, run.requests, run.perRequestMs);
      } catch (error) {
        notMeasured.push(`the isolate profile of ${scenario.id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  // A leak grows with the requests: the app isolate's heap after 2,000 and after 20,000 lists.
  const listOnMiniflare = scenarios.find((sc) => sc.id === 'c-mf');
  const appInspector = mfPair?.inspectors?.app;
  const appIsolate = appInspector === undefined ? undefined : (await listTargets(appInspector))?.find((t) => t.id === appIsolateId);
  if (listOnMiniflare && appIsolate) {
    log(`The isolate's heap after ${settings.heapFirstRequests} and ${settings.heapTotalRequests} (c-mf) requests…`);
    try {
      results.heap = await heapGrowth({
        wsUrl: appIsolate.webSocketDebuggerUrl,
        url: listOnMiniflare.url,
        request: listOnMiniflare.request,
        firstRequests: settings.heapFirstRequests,
        totalRequests: settings.heapTotalRequests,
        concurrency: settings.concurrency,
      });
    } catch (error) {
      notMeasured.push(`the isolate's heap: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else {
    notMeasured.push(`the isolate's heap: no ${appIsolateId} on the Miniflare inspector`);
  }

  // Latency under steady open-loop load, then a surge beyond what the app can serve: it must shed
  // (429/503, never 500) and serve everyone again within 5 s of the surge's end.
  const listResult = results.scenarios.find((r) => r.id === 'c-mf');
  if (mfPair && listOnMiniflare && listResult && listResult.rps > 0) {
    const max = listResult.rps;
    log('Miniflare again, without inspectors, as measured: warming up…');
    await mfPair.restart(false);
    await warmUp(measuredOnMiniflare, stack.dbServerUrl);
    log(`Open loop on (c-mf): ${(max / 2).toFixed(0)} req/s for ${settings.openLoopSteadyMs / 1000} s…`);
    const steady = await openLoop(listOnMiniflare.url, listOnMiniflare.request, [{ rate: max / 2, durationMs: settings.openLoopSteadyMs }]);
    // The floor at the same rate: how much of the tail is the runtime's and the machine's.
    const floorScenario = scenarios.find((sc) => sc.id === 'a-db-mf');
    const floorSteady = floorScenario
      ? await openLoop(floorScenario.url, floorScenario.request, [{ rate: max / 2, durationMs: settings.openLoopSteadyMs }])
      : null;
    // The floor calling the locally simulated rate-limiting binding first, as the app does on every
    // request: how much of the tail is that simulation's (a Durable Object with SQLite, on this machine only).
    const floorLimitedSteady = floorScenario
      ? await openLoop(floorScenario.url, helloDbLimited, [{ rate: max / 2, durationMs: settings.openLoopSteadyMs }])
      : null;
    log(
      `Open loop on (c-mf): a surge at ${(max * 1.5).toFixed(0)} req/s for ${settings.openLoopSurgeMs / 1000} s, then ${(max / 2).toFixed(0)} req/s…`,
    );
    const surge = await openLoop(listOnMiniflare.url, listOnMiniflare.request, [
      { rate: max * 1.5, durationMs: settings.openLoopSurgeMs },
      { rate: max / 2, durationMs: settings.openLoopAfterMs },
    ]);
    results.openLoop = {
      maxRps: max,
      steady: summarizePhase(steady, 0, max / 2),
      floorSteady: floorSteady ? summarizePhase(floorSteady, 0, max / 2) : null,
      floorLimitedSteady: floorLimitedSteady ? summarizePhase(floorLimitedSteady, 0, max / 2) : null,
      surge: summarizePhase(surge, 0, max * 1.5),
      after: summarizePhase(surge, 1, max / 2),
      recoveryMs: recoveryMs(surge, settings.openLoopSurgeMs),
    };
  } else {
    notMeasured.push('the open-loop runs: no (c-mf) row to take the maximum from');
  }

  results.targets = checkTargets();
  const table = markdown(results);
  console.log(`\n${table}\n`);
  writeFileSync(join(benchDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(benchDir, 'RESULTS.md'), resultsFile(results, table));
  log(`Wrote bench/results.json and bench/RESULTS.md (${((performance.now() - started) / 1000).toFixed(0)} s).`);

  // The realtime hub on its own stack (its connection caps raised): bench/realtime.ts.
  log('Realtime hub: 1,000 sockets on one workspace…');
  const realtime = await runRealtimeBench();
  const realtimeSection = realtimeMarkdown(realtime);
  console.log(`\n${realtimeSection}`);
  writeFileSync(join(benchDir, 'realtime.json'), `${JSON.stringify(realtime, null, 2)}\n`);
  writeRealtimeSection(realtimeSection);

  // Outgoing webhooks on their own stack: bench/webhooks.ts.
  log('Outgoing webhooks: 20 endpoints, 1,000 events…');
  const webhooks = await runWebhookBench();
  const webhookSection = webhooksMarkdown(webhooks);
  console.log(`\n${webhookSection}`);
  writeFileSync(join(benchDir, 'webhooks.json'), `${JSON.stringify(webhooks, null, 2)}\n`);
  writeWebhookSection(webhookSection);
}

try {
  await main();
} catch (error) {
  console.error(`\nThe benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
