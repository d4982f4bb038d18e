/** The shape of bench/results.json and its Markdown rendering (stdout and bench/RESULTS.md). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../../scripts/stack.ts';
import type { HeapGrowth } from './heap.ts';
import { answersByStatus, type PhaseSummary } from './open-loop.ts';
import type { RequestSpread } from './profiling.ts';
import type { FirstLoad } from './web-first-load.ts';

export interface DbRoundTrips {
  requests: number;
  okRequests: number;
  sqlRequestsPerReq: number;
  sqlQueriesPerReq: number;
  wsConnectionsPerReq: number;
  wsMessagesPerReq: number;
  /** (sqlRequests + wsMessages) / requests */
  roundTripsPerReq: number;
}

/** Where a row ran: `wrangler dev`, or the deploy bundle under Miniflare's Node API without it. */
export type Runtime = 'wrangler' | 'miniflare';

/** The worker isolate's own time per request, from a V8 CPU profile (bench/lib/profiling.ts). */
export interface IsolateProfile {
  /** Sequential requests profiled. */
  requests: number;
  intervalUs: number;
  /** Sampled time of the isolate outside "(idle)", per request: JavaScript, the runtime APIs it called, GC. */
  msPerReq: number;
  /** The same time request by request (each request owns the samples until the next one starts). */
  perRequest: RequestSpread | null;
  topSelf: Array<{ name: string; where: string; origin: string; msPerReq: number }>;
  byOrigin: Array<{ origin: string; msPerReq: number }>;
}

export interface ScenarioResult {
  id: string;
  name: string;
  runtime: Runtime;
  method: string;
  path: string;
  requests: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  errors: number;
  errorSamples: string[];
  ratioToBaseline: number;
  /** workerd CPU (all workerd processes of that `wrangler dev`, or Miniflare's one) per request in the measured window. */
  cpuMsPerReq: number;
  /** cpuMsPerReq minus the same runtime's baseline: what the app adds to the floor (null for a baseline). */
  cpuMsPerReqOverFloor: number | null;
  /** The part of cpuMsPerReq spent in the workerd process that runs the worker (not wrangler's dev proxy). */
  workerCpuMsPerReq: number;
  workerCpuMsPerReqOverFloor: number | null;
  cpuDetail: {
    workerdMs: number;
    /** 'worker': the workerd running the worker (behind wrangler's entry worker); 'proxy': wrangler's dev proxy. */
    workerdProcesses: Array<{ pid: number; role: 'worker' | 'proxy'; ms: number; msPerReq: number }>;
    /**
     * wrangler's Node processes (it logs every request) and esbuild's watcher, or the Miniflare host
     * (it parses workerd's log output); not in cpuMsPerReq.
     */
    wranglerOtherMs: number;
    wranglerOtherMsPerReq: number;
    /** The stack host: Neon-compatible endpoint and PGlite (null for the baseline). */
    dbHostMs: number | null;
    dbHostMsPerReq: number | null;
    /** The load generator (bench/run.ts itself). */
    clientMsPerReq: number;
  };
  /** Windows measured again because the worker restarted during them (why, for each). */
  discardedWindows: string[];
  /** Each interleaved round on its own, to show the spread. */
  rounds: Array<{ rps: number; p50Ms: number; cpuMsPerReq: number }>;
  db: DbRoundTrips | null;
  /** Miniflare rows: the isolate's own time from a CPU profile taken after the rounds. */
  isolate: IsolateProfile | null;
}

export interface Target {
  name: string;
  goal: string;
  value: string;
  pass: boolean;
}

export interface Results {
  date: string;
  git: { commit: string; dirty: boolean };
  versions: { node: string; workerd: string; wrangler: string; hono: string };
  settings: {
    concurrency: number;
    warmupMs: number;
    durationMs: number;
    rounds: number;
    roundWarmupMs: number;
    roundTripRequests: number;
    logins: number;
    kdfHashes: number;
    seededProjects: number;
    clockTicksPerSecond: number;
    /** Requests of each Miniflare row after a restart of its bundles (older results lack it). */
    warmUpRequests?: number;
  };
  scenarios: ScenarioResult[];
  kdf: {
    where: string;
    iterations: number;
    hashes: number;
    msEach: number[];
    p50Ms: number;
    cpuMsPerHash: number;
  } | null;
  login: { requests: number; ok: number; p50Ms: number; cpuMsPerReq: number } | null;
  /** Durable Object requests and KV writes per ordinary request, counted by a tail worker. */
  bindingCalls: {
    rows: Array<{
      id: string;
      requests: number;
      okRequests: number;
      durableObjectRequestsPerReq: number;
      /** "Class rpc method" or "Class fetch" → calls. */
      durableObjectCalls: Record<string, number>;
      /** null when a KV namespace is bound and its writes were not counted. */
      kvWritesPerReq: number | null;
    }>;
  } | null;
  bundle: {
    /** The production build: its JavaScript modules, how many of them an isolate loads at start-up, their sizes. */
    asConfigured: {
      modules: number;
      eagerModules: number;
      bytes: number;
      gzipBytes: number;
      wranglerTotalUploadKiB: number | null;
      wranglerGzipKiB: number | null;
    };
    /** Minified: the code the entry reaches through static imports (evaluated at start-up), and all of it. */
    eager: { eagerBytes: number; totalBytes: number } | null;
    webBuilt: boolean;
  } | null;
  /** The web app's first load: the JavaScript index.html loads before any lazy route. */
  webFirstLoad: FirstLoad | null;
  startup: {
    /** From "Worker Startup Time" in wrangler's dry-run output, when printed. */
    wranglerReportedMs: number | null;
    /** First dynamic import of the bundle inside workerd, performance.now() around it: the median of the cold isolates. */
    moduleEvalMs: number | null;
    /** Each cold isolate's first evaluation. */
    moduleEvalSamplesMs: number[];
    /** Each lazily loaded part: its own bundle's size and its first import in isolates that evaluated the bundle. */
    firstUse: Array<{ name: string; bytes: number; ms: number[] }>;
    /** Routes built on a first request under their paths: that request's time beyond one under no module's paths. */
    firstRequests?: Array<{ name: string; ms: number[] }>;
    /** workerd CPU (from /proc) around that request. */
    moduleEvalCpuMs: number | null;
    /** V8 compiling the bundle's source (in Node, the same engine), which precedes the evaluation and is not in it. */
    compileSamplesMs: number[];
    /** From spawning `wrangler dev` until the first 200 (wrangler's own start-up included). */
    stackStartMs: number | null;
    baselineWranglerStartMs: number | null;
  };
  /** The app isolate's used heap after a full collection, after a first batch of (c-mf) requests and after all (bench/lib/heap.ts). */
  heap: HeapGrowth | null;
  /** Open-loop runs on (c-mf) at shares of its closed-loop maximum (bench/lib/open-loop.ts). */
  openLoop: {
    maxRps: number;
    steady: PhaseSummary;
    /** The floor (a''-mf) at the steady rate: the runtime's and the machine's own tail. */
    floorSteady: PhaseSummary | null;
    /** The same floor calling the locally simulated rate-limiting binding first (`/db-limited`). */
    floorLimitedSteady?: PhaseSummary | null;
    surge: PhaseSummary;
    after: PhaseSummary;
    recoveryMs: number;
  } | null;
  notMeasured: string[];
  targets: Target[];
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '—');

export function markdown(results: Results): string {
  const lines: string[] = [];
  const scenarios = results.scenarios;
  const onWrangler = scenarios.filter((s) => s.runtime === 'wrangler');
  const onMiniflare = scenarios.filter((s) => s.runtime === 'miniflare');
  lines.push(
    '| Scenario | req/s | p50 ms | p99 ms | errors | × baseline | DB round trips/req | CPU ms/req (all workerd) | of which worker process | isolate ms/req (profile) |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const s of scenarios) {
    const db = s.db
      ? `${fixed(s.db.roundTripsPerReq, 2)} (HTTP ${fixed(s.db.sqlRequestsPerReq, 2)}, WS msgs ${fixed(s.db.wsMessagesPerReq, 2)}, WS conns ${fixed(s.db.wsConnectionsPerReq, 2)})`
      : '—';
    const over = (value: number | null) => (value === null ? ' (floor)' : ` (${value >= 0 ? '+' : ''}${fixed(value, 2)})`);
    lines.push(
      `| ${s.name} | ${fixed(s.rps, 0)} | ${fixed(s.p50Ms, 1)} | ${fixed(s.p99Ms, 1)} | ${s.errors} | ${fixed(s.ratioToBaseline, 2)} | ${db} | ` +
        `${fixed(s.cpuMsPerReq, 2)}${over(s.cpuMsPerReqOverFloor)} | ${fixed(s.workerCpuMsPerReq, 2)}${over(s.workerCpuMsPerReqOverFloor)} | ` +
        `${s.isolate ? fixed(s.isolate.msPerReq, 2) : '—'} |`,
    );
  }
  lines.push('');
  lines.push(
    `Closed loop, ${results.settings.concurrency} concurrent keep-alive connections over loopback; ${results.settings.durationMs / 1000} s measured per scenario in ${results.settings.rounds} interleaved rounds (a, a', a'', b, c, d, a-mf, …, a, …), ${results.settings.warmupMs / 1000} s warm-up before the first. ` +
      `DB round trips: ${results.settings.roundTripRequests} sequential requests between a reset and a read of the endpoint's counters, once the endpoint has been idle for 6 s, longer than the queue consumer's batch timeout (the backlog the (d) rounds leave is drained first, not counted), (SQL-over-HTTP requests + WebSocket messages) / requests. ` +
      'CPU ms/req: user + system time of the workerd processes, read from /proc before and after the measured window, divided by the requests answered in it. ' +
      "Under `wrangler dev` that is two processes: the one that runs the worker (behind wrangler's entry worker, next to the locally simulated bindings, the assets router and the local observability collector) and wrangler's dev proxy, which owns the port; the second-to-last column is the worker's process alone. " +
      'The -mf rows run the same deploy bundles (`wrangler deploy --dry-run`) under Miniflare without `wrangler dev`: one workerd process, on the same database endpoint, without an inspector (with one, V8 keeps the last 1,000 console messages alive, which the edge does not; the profiles and the heap below start them again with one). ' +
      "Each row's (+x) is its CPU above the hello-world floor of the same runtime: (a) for `wrangler dev`, (a-mf) for Miniflare.",
  );
  lines.push('');
  const profiled = onMiniflare.filter((s) => s.isolate);
  lines.push(
    "**The number to hold against the platform's CPU limit** is the last column: the time the worker's own isolate ran per request, from a V8 CPU profile of the -mf rows " +
      `(${profiled[0]?.isolate?.requests ?? '—'} sequential requests each, sampled every ${profiled[0]?.isolate?.intervalUs ?? '—'} µs, after the rounds, on the bundles started again with an inspector and warmed up with ${results.settings.warmUpRequests ?? '—'} requests of each row, from a full collection: the rounds' garbage is not charged to them, their own is; request by request, each owns the samples until the next starts). The platform counts the CPU of the worker's isolate (its JavaScript and the runtime APIs it calls), not the processes around it. ` +
      'It is an upper bound: the profiler slows the isolate, and the number still holds local-only costs (the rate-limiting binding, simulated by Miniflare in JavaScript behind a `fetch`; console output written to stdout). ' +
      "The -mf rows' worker process above their floor is a looser upper bound (it adds the simulated binding's own isolates). The `wrangler dev` columns are what `npm run dev` costs on this machine, not what the edge bills.",
  );
  const range = (values: number[], digits: number) =>
    values.length ? `${fixed(Math.min(...values), digits)}–${fixed(Math.max(...values), digits)}` : '—';
  lines.push('');
  lines.push(
    `Spread over the rounds (req/s; CPU ms/req): ${scenarios
      .map(
        (s) =>
          `${s.id} ${range(
            s.rounds.map((r) => r.rps),
            0,
          )}; ${range(
            s.rounds.map((r) => r.cpuMsPerReq),
            2,
          )}`,
      )
      .join(' · ')}.`,
  );
  const split = onWrangler
    .map((s) => {
      const worker = s.cpuDetail.workerdProcesses.filter((p) => p.role === 'worker').reduce((sum, p) => sum + p.msPerReq, 0);
      const proxy = s.cpuDetail.workerdProcesses.filter((p) => p.role === 'proxy').reduce((sum, p) => sum + p.msPerReq, 0);
      return `${s.id} ${fixed(worker, 2)} + ${fixed(proxy, 2)}`;
    })
    .join(', ');
  lines.push(`CPU ms/req by workerd process under \`wrangler dev\` (worker process + dev proxy): ${split}.`);
  const redone = scenarios.filter((s) => s.discardedWindows.length > 0);
  if (redone.length > 0) {
    lines.push(
      `Measured again because wrangler restarted the worker during the window (a watched source file changed): ${redone.map((s) => `${s.id} ${s.discardedWindows.length}×`).join(', ')}.`,
    );
  }
  const others = (rows: ScenarioResult[]) => rows.map((s) => `${s.id} ${fixed(s.cpuDetail.wranglerOtherMsPerReq, 2)}`).join(', ');
  const dbRows = scenarios.filter((s) => s.cpuDetail.dbHostMsPerReq !== null);
  lines.push(
    `Outside workerd, not in the CPU columns: wrangler's Node process (request logging, console output) ${others(onWrangler)} ms/req` +
      (onMiniflare.length ? `; the Miniflare host (parses workerd's log output) ${others(onMiniflare)} ms/req` : '') +
      (dbRows.length
        ? `; database endpoint + PGlite (shared by both apps) ${dbRows.map((s) => `${s.id} ${fixed(s.cpuDetail.dbHostMsPerReq ?? Number.NaN, 2)}`).join(', ')} ms/req.`
        : '.'),
  );
  const calibration = (floorId: string, logId: string, where: string) => {
    const floor = scenarios.find((s) => s.id === floorId);
    const logged = scenarios.find((s) => s.id === logId);
    return floor && logged
      ? `${where}: ${fixed(logged.cpuMsPerReq - floor.cpuMsPerReq, 2)} ms of workerd CPU and ${fixed(logged.cpuDetail.wranglerOtherMsPerReq - floor.cpuDetail.wranglerOtherMsPerReq, 2)} ms in the Node process around it`
      : null;
  };
  const calibrations = [
    calibration('a', 'a-log', 'under `wrangler dev`, where console output is forwarded to wrangler over the inspector'),
    calibration('a-mf', 'a-log-mf', 'under Miniflare, where workerd writes it to stdout'),
  ].filter((c) => c !== null);
  if (calibrations.length) {
    lines.push(`Rows (a') are calibrations: one JSON log line per request (the app's logger writes one) costs ${calibrations.join('; ')}.`);
  }
  const floors = ['a-db', 'a-db-mf']
    .map((id) => scenarios.find((s) => s.id === id))
    .filter((s) => s !== undefined)
    .map((s) => `${s.id} ${fixed(s.ratioToBaseline * 100, 0)} % of its baseline (${fixed(s.rps, 0)} req/s)`);
  if (floors.length) {
    lines.push(
      "Rows (a'') are the floor of any database-backed request on this machine: the hello world plus one SQL-over-HTTP round trip (`select 1`) to the same endpoint and one log line, no application code: " +
        `${floors.join(', ')}. Scenario (c) does all of that and its own work besides, so its ratio to the baseline stays below the (a'') row's.`,
    );
  }
  const limitedFloor = scenarios.find((s) => s.id === 'a-dbl-mf');
  const againstLimited = ['b-mf', 'c-mf', 'c-key-mf', 'd-mf']
    .map((id) => scenarios.find((s) => s.id === id))
    .filter((s) => s !== undefined)
    .map((s) => `${s.id} ${fixed((s.rps / (limitedFloor?.rps ?? Number.NaN)) * 100, 0)} %`);
  if (limitedFloor && againstLimited.length) {
    lines.push(
      `Row (a'''-mf) is that floor calling the locally simulated rate-limiting binding first, as every request of the app does (bench/baseline's \`/db-limited\`, the binding declared as the app's is): ${fixed(limitedFloor.rps, 0)} req/s, ${fixed((limitedFloor.rps / (scenarios.find((s) => s.id === 'a-db-mf')?.rps ?? Number.NaN)) * 100, 0)} % of (a''-mf). Against it, the app's rows reach ${againstLimited.join(', ')} of its req/s: the difference from their ratios to (a''-mf) in the targets below is what the simulated binding, which the edge does not run, costs every request of the app.`,
    );
  }
  for (const s of profiled) {
    const isolate = s.isolate as IsolateProfile;
    lines.push(
      `Isolate profile of ${s.id}, ${fixed(isolate.msPerReq, 2)} ms/req${perRequestText(isolate)}; by origin: ${isolate.byOrigin
        .slice(0, 6)
        .map((o) => `${o.origin} ${fixed(o.msPerReq, 2)}`)
        .join(', ')}; top self time: ${isolate.topSelf
        .slice(0, 5)
        .map((h) => `${h.name}${h.where ? ` (${h.where})` : ''} ${fixed(h.msPerReq, 3)}`)
        .join(', ')}.`,
    );
  }
  if (profiled.length)
    lines.push(
      'Full bottom-up profiles, with and without `wrangler dev`: `node bench/profile.ts [b|c|d]` (bench/PROFILE.md); what a request allocates, by function and origin: `node bench/allocation.ts [b|c|d]`.',
    );
  lines.push('');
  if (results.kdf) {
    lines.push(
      `- **Password KDF** (PBKDF2-SHA256, ${results.kdf.iterations.toLocaleString('en-US')} iterations, ${results.kdf.where}): p50 ${fixed(results.kdf.p50Ms, 1)} ms per hash (performance.now, ${results.kdf.hashes} hashes: ${results.kdf.msEach.map((v) => fixed(v, 1)).join(', ')}), ${fixed(results.kdf.cpuMsPerHash, 1)} ms CPU per hash from /proc`,
    );
  }
  if (results.login) {
    lines.push(
      `- **Log-in** end to end (\`POST /api/v1/auth/login\`, ${results.login.requests} sequential, distinct client addresses, ${results.login.ok} × 200): p50 ${fixed(results.login.p50Ms, 1)} ms, ${fixed(results.login.cpuMsPerReq, 1)} ms workerd CPU per request`,
    );
  }
  if (results.bindingCalls) {
    const rows = results.bindingCalls.rows.map((r) => {
      const which = Object.entries(r.durableObjectCalls)
        .map(([name, count]) => `${name} × ${count}`)
        .join(', ');
      return `${r.id} ${r.durableObjectRequestsPerReq.toFixed(2)}${which ? ` (${which})` : ''}, KV writes ${r.kvWritesPerReq === null ? 'not counted' : r.kvWritesPerReq.toFixed(0)}`;
    });
    lines.push(
      `- **Durable Object requests and KV writes per request** (deploy bundle under Miniflare with a tail worker counting every invocation; ${results.bindingCalls.rows[0]?.requests ?? '—'} sequential requests each, queue consumers included; no KV namespace is bound): ${rows.join('; ')}`,
    );
  }
  if (results.bundle) {
    const b = results.bundle;
    const wrangler =
      b.asConfigured.wranglerTotalUploadKiB !== null
        ? ` (wrangler: Total Upload ${b.asConfigured.wranglerTotalUploadKiB} KiB / gzip ${b.asConfigured.wranglerGzipKiB} KiB)`
        : '';
    lines.push(
      `- **Bundle** (\`wrangler deploy --dry-run --env production\`, built by scripts/build-worker.ts, minified): ${b.asConfigured.modules} JavaScript modules, ${b.asConfigured.eagerModules} of them loaded at start-up; ${kib(b.asConfigured.bytes)}, gzip ${kib(b.asConfigured.gzipBytes)} (each module gzipped alone)${wrangler}`,
    );
    if (b.eager) {
      lines.push(
        `- **Eagerly evaluated** (minified; what the entry reaches through static imports, per esbuild's metafile): ${kib(b.eager.eagerBytes)} of ${kib(b.eager.totalBytes)}; the rest loads on first use`,
      );
    }
  }
  if (results.webFirstLoad) {
    const w = results.webFirstLoad;
    lines.push(
      `- **Web app first load** (JavaScript that web/dist/index.html loads before any lazy route, ${w.files.length} file${w.files.length === 1 ? '' : 's'}): ${kib(w.bytes)}, gzip ${kib(w.gzipBytes)} (budget 200 KB gzip)`,
    );
  }
  const st = results.startup;
  const startupParts: string[] = [];
  if (st.wranglerReportedMs !== null) startupParts.push(`wrangler reports Worker Startup Time ${st.wranglerReportedMs} ms`);
  if (st.moduleEvalMs !== null) {
    startupParts.push(
      `first evaluation of the deploy bundle inside workerd (dynamic import): median ${fixed(st.moduleEvalMs, 0)} ms wall of ${st.moduleEvalSamplesMs.length} cold isolates (${st.moduleEvalSamplesMs.map((v) => fixed(v, 0)).join(', ')})`,
    );
  }
  if (st.compileSamplesMs.length > 0) {
    startupParts.push(
      `before it, V8 compiles the modules loaded at start-up (timed in Node with the same engine; workerd compiles a module as it loads it, outside the evaluation above): median ${fixed(medianOf(st.compileSamplesMs), 0)} ms (${st.compileSamplesMs.map((v) => fixed(v, 0)).join(', ')})`,
    );
  }
  if (st.stackStartMs !== null)
    startupParts.push(`whole stack ready (endpoint, migrations, \`wrangler dev\`) in ${fixed(st.stackStartMs / 1000, 1)} s`);
  if (st.baselineWranglerStartMs !== null)
    startupParts.push(`hello-world \`wrangler dev\` ready in ${fixed(st.baselineWranglerStartMs / 1000, 1)} s`);
  if (startupParts.length > 0) lines.push(`- **Start-up**: ${startupParts.join('; ')}`);
  for (const part of st.firstUse) {
    lines.push(
      `- **First use: ${part.name}**: median ${fixed(medianOf(part.ms), 0)} ms wall to import it in an isolate that evaluated the bundle (${part.ms.map((v) => fixed(v, 0)).join(', ')}); ${kib(part.bytes)} on its own`,
    );
  }
  for (const part of st.firstRequests ?? []) {
    lines.push(
      `- **First use: ${part.name}**: median ${fixed(medianOf(part.ms), 0)} ms wall for that first request beyond one to a path under no module's routes, in an isolate that evaluated the bundle (${part.ms.map((v) => fixed(v, 0)).join(', ')})`,
    );
  }
  if (results.heap) {
    const h = results.heap;
    lines.push(
      `- **Heap of the app isolate** (Miniflare, (c-mf) lists, ${results.settings.concurrency} at a time; V8's used heap right after the full collection a heap snapshot starts with): ${kib(h.afterFirstBytes)} after ${h.firstRequests.toLocaleString('en-US')} requests, ${kib(h.afterAllBytes)} after ${h.totalRequests.toLocaleString('en-US')}; ${h.errors} errors`,
    );
  }
  if (results.openLoop) {
    const o = results.openLoop;
    const phase = (label: string, p: PhaseSummary) =>
      `${label} ${fixed(p.rate, 0)} req/s, ${p.requests} requests (${answersByStatus(p)}), p50 ${fixed(p.p50Ms, 1)} ms, p99 ${fixed(p.p99Ms, 1)} ms of the 2xx`;
    lines.push(
      `- **Open loop** on (c-mf), whose closed-loop maximum was ${fixed(o.maxRps, 0)} req/s (latency from when each request was due): ${phase('steady', o.steady)}; ${o.floorSteady ? `${phase("the floor (a''-mf) at the same rate", o.floorSteady)}; ` : ''}${o.floorLimitedSteady ? `${phase('the floor calling the locally simulated rate-limiting binding first, at the same rate', o.floorLimitedSteady)}; ` : ''}${phase('surge', o.surge)}; ${phase('after the surge', o.after)}; the last refusal was due ${fixed(o.recoveryMs / 1000, 1)} s after the surge ended`,
    );
  }
  for (const note of results.notMeasured) lines.push(`- Not measured: ${note}`);
  lines.push('');
  lines.push('Targets:');
  lines.push('');
  for (const t of results.targets) lines.push(`- ${t.pass ? 'PASS' : 'FAIL'} ${t.name}: ${t.value} (target ${t.goal})`);
  return lines.join('\n');
}

export function resultsFile(results: Results, table: string): string {
  const v = results.versions;
  return [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` (bench/run.ts) on ${results.date}, commit ${results.git.commit.slice(0, 12)}${results.git.dirty ? ' (with uncommitted changes)' : ''}. ` +
      `Node ${v.node}, ${v.workerd}, wrangler ${v.wrangler}, hono ${v.hono}. Machine-readable: bench/results.json.`,
    '',
    "Scenarios: (a) a hello-world Hono worker on the same workerd (`bench/baseline/`), the baseline; (a') the same worker writing one JSON log line, a calibration; (a'') the same worker making one SQL-over-HTTP round trip to the database endpoint (`select 1`) and writing one log line, the floor of any database-backed request; (b) `GET /health` through the whole middleware chain; " +
      '(c) an authenticated `GET /api/v1/w/<slug>/projects?limit=20`; (d) `POST /api/v1/w/<slug>/projects` with a session cookie. ' +
      'The app runs under `wrangler dev` with the local Neon-compatible endpoint and an in-memory PGlite behind it; every request carries its own `CF-Connecting-IP`. ' +
      'The -mf rows repeat them with the deploy bundles under Miniflare, without `wrangler dev` (bench/miniflare-host.ts), on the same endpoint.',
    '',
    table,
    '',
  ].join('\n');
}

/**
 * Puts a section (`## …` up to the next `## `) into bench/RESULTS.md, in place of an earlier one with
 * the same heading, or at the end: the parts run on their own (realtime, webhooks) keep their place
 * when the main table is rewritten and when they are run again.
 */
export function writeResultsSection(heading: string, section: string): void {
  const path = join(root, 'bench', 'RESULTS.md');
  const current = readFileSync(path, 'utf8');
  const at = current.indexOf(heading);
  const after = at < 0 ? -1 : current.indexOf('\n## ', at + heading.length);
  const kept =
    at < 0 ? current.trimEnd() : `${current.slice(0, at).trimEnd()}${after < 0 ? '' : `\n\n${current.slice(after + 1).trimEnd()}`}`;
  writeFileSync(path, `${kept}\n\n${section}`);
}

function perRequestText(isolate: IsolateProfile): string {
  const spread = isolate.perRequest;
  if (!spread) return '';
  return ` (request by request: median ${fixed(spread.medianMs, 2)}, p99 ${fixed(spread.p99Ms, 2)}, worst ${fixed(spread.worstMs, 2)})`;
}

/** The median of a few samples as the report prints them: the middle one (the upper of two). */
function medianOf(ms: readonly number[]): number {
  const sorted = [...ms].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
