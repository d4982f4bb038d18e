/**
 * `node bench/profile.ts [b|c|d …] [--runtime=wrangler|miniflare|both]`: a CPU profile of the app's
 * own isolate while it answers a scenario, summarised bottom-up (self time by function, by origin)
 * into bench/PROFILE.md, and a second pass over every isolate of the worker's workerd process.
 *
 * Starts the whole stack (scripts/stack.ts, in bench/stack-host.ts), prepares a user, a workspace
 * and a page of projects like `npm run bench`, attaches to the worker's isolate over the Chrome
 * DevTools Protocol, starts V8's sampling profiler, sends the scenario's requests and stops it.
 *
 *   wrangler    through `wrangler dev`'s inspector (`--inspector-port`; found among the ports the
 *               stack's processes listen on): the worker as `npm run dev` runs it.
 *   miniflare   the production bundle (`wrangler deploy --dry-run --env production`, not minified)
 *               under Miniflare's Node API with workerd's inspector open and nothing else attached (bench/miniflare-host.ts): no dev
 *               proxy, no console forwarding over the inspector, no assets router, no local
 *               observability collector.
 *
 * Scenarios: b `GET /health`, c `GET /api/v1/w/<slug>/projects?limit=20` (default), d `POST …/projects`.
 *
 *   PROFILE_REQUESTS      profiled requests (default 400), after PROFILE_WARMUP (default 150) unprofiled ones
 *   PROFILE_CONCURRENCY   requests in flight (default 1: sequential, so that samples are not
 *                         stretched by other processes competing for the cores)
 *   PROFILE_INTERVAL_US   sampling interval (default 200)
 *   PROFILE_OUT           summary file (default bench/PROFILE.md)
 *   PROFILE_SAVE_DIR      also write the raw .cpuprofile files there (open them in Chrome DevTools)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../scripts/stack.ts';
import { appRequests, prepareApp, requestFor } from './lib/app.ts';
import { appIsolateId, startInspectableApp } from './lib/inspectable-app.ts';
import { beyondTheIsolate, startUp } from './lib/profile-notes.ts';
import { listTargets } from './lib/inspector.ts';
import type { BenchRequest } from './lib/load.ts';
import { descendants, listeningPorts, workerdPids, workerdRole } from './lib/proc.ts';
import { drive, type ProfiledRun, profileIsolates, profileRequests, type RequestSpread, requestSpread } from './lib/profiling.ts';
import { startBenchStack } from './lib/servers.ts';
import { envNumber } from './lib/env.ts';

const settings = {
  requests: envNumber('PROFILE_REQUESTS', 400),
  warmup: envNumber('PROFILE_WARMUP', 150),
  concurrency: envNumber('PROFILE_CONCURRENCY', 1),
  intervalUs: envNumber('PROFILE_INTERVAL_US', 200),
  isolatesRequests: envNumber('PROFILE_ISOLATES_REQUESTS', 200),
  isolatesIntervalUs: 200,
  seededProjects: 20,
};
const out = process.env.PROFILE_OUT ?? join(root, 'bench/PROFILE.md');
const saveDir = process.env.PROFILE_SAVE_DIR;

const args = process.argv.slice(2);
const scenarioIds = args.filter((a) => !a.startsWith('--'));
if (scenarioIds.length === 0) scenarioIds.push('c');
const runtimeArg = args.find((a) => a.startsWith('--runtime='))?.slice('--runtime='.length) ?? 'both';
const scenarioNames: Record<string, string> = {
  b: '(b) `GET /health`',
  c: '(c) `GET /api/v1/w/<slug>/projects?limit=20`',
  d: '(d) `POST /api/v1/w/<slug>/projects`',
};
if (scenarioIds.some((id) => !scenarioNames[id]) || !['wrangler', 'miniflare', 'both'].includes(runtimeArg)) {
  console.error('usage: node bench/profile.ts [b|c|d …] [--runtime=wrangler|miniflare|both]');
  process.exit(2);
}
const runtimes = runtimeArg === 'both' ? (['wrangler', 'miniflare'] as const) : [runtimeArg as 'wrangler' | 'miniflare'];

const log = (line: string) => console.error(line);

const cleanups: Array<() => Promise<unknown>> = [];
async function cleanup(): Promise<void> {
  for (const step of cleanups.splice(0).reverse()) await step().catch((e: unknown) => console.error('cleanup:', e));
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void cleanup().finally(() => process.exit(130)));
}

// ---------------------------------------------------------------------------------------------

interface Profiled extends ProfiledRun {
  scenarioId: string;
  runtime: 'wrangler' | 'miniflare';
  how: string;
  /** The second pass: every isolate of the worker's workerd process, sampled at once. */
  isolates: Awaited<ReturnType<typeof profileIsolates>> | null;
}

async function profileScenario(options: {
  scenarioId: string;
  runtime: Profiled['runtime'];
  how: string;
  wsUrl: string;
  url: string;
  request: () => BenchRequest;
  workerPids: () => number[];
  scripts?: Record<string, string>;
}): Promise<Profiled> {
  log(`  warm-up: ${settings.warmup} requests…`);
  await drive(options.url, options.request, settings.warmup, settings.concurrency);
  log(`  profiling ${settings.requests} requests (${settings.concurrency} in flight, sampling every ${settings.intervalUs} µs)…`);
  const run = await profileRequests({
    wsUrl: options.wsUrl,
    url: options.url,
    readyUrl: `${options.url}/health`,
    request: options.request,
    requests: settings.requests,
    concurrency: settings.concurrency,
    intervalUs: settings.intervalUs,
    workerPids: options.workerPids,
    ...(options.scripts ? { scripts: options.scripts } : {}),
    ...(saveDir ? { saveTo: join(saveDir, `${options.runtime}-${options.scenarioId}.cpuprofile`) } : {}),
  });
  return { scenarioId: options.scenarioId, runtime: options.runtime, how: options.how, isolates: null, ...run };
}

/** The second pass, over every isolate of the worker's process (see profileIsolates). */
async function isolatesPass(
  inspectorPort: number | null,
  url: string,
  request: () => BenchRequest,
  workerPids: () => number[],
  exclude: string[] = [],
) {
  if (inspectorPort === null) return null;
  log(`  the other isolates of the worker's process, one at a time: ${settings.isolatesRequests} requests each…`);
  return profileIsolates({
    inspectorPort,
    url,
    request,
    requests: settings.isolatesRequests,
    intervalUs: settings.isolatesIntervalUs,
    workerPids,
    exclude,
  });
}

/** workerd's own inspector in the worker's process under `wrangler dev`: the port listing many isolates. */
async function workerdInspectorPort(workerdPid: number | undefined): Promise<number | null> {
  if (workerdPid === undefined) return null;
  for (const port of listeningPorts(workerdPid)) {
    const targets = await listTargets(port);
    if (targets && targets.length > 1) return port;
  }
  return null;
}

/** `wrangler dev`'s inspector: the one port below the stack's processes that lists a target at /json. */
async function wranglerInspector(stackPid: number): Promise<{ port: number; wsUrl: string }> {
  for (const p of descendants(stackPid)) {
    for (const port of listeningPorts(p.pid)) {
      const targets = await listTargets(port);
      const target = targets?.[0];
      if (target && targets.length === 1) return { port, wsUrl: target.webSocketDebuggerUrl };
    }
  }
  throw new Error('no inspector found below the stack (wrangler dev --inspector-port)');
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'profile-'));
  cleanups.push(async () => rmSync(tmp, { recursive: true, force: true }));

  log('Starting the stack (in-memory database, wrangler dev)…');
  const stack = await startBenchStack();
  cleanups.push(() => stack.stop());

  const results: Profiled[] = [];
  for (const runtime of runtimes) {
    if (runtime === 'wrangler') {
      log('wrangler dev: preparing…');
      const app = await prepareApp(stack.url, settings.seededProjects);
      const inspector = await wranglerInspector(stack.pid);
      const wrangler = descendants(stack.pid).find((p) => workerdPids(p.pid).length > 0)?.pid;
      if (wrangler === undefined) throw new Error('no wrangler process below the stack');
      const workerPids = () => workerdPids(wrangler).filter((pid) => workerdRole(pid) === 'worker');
      const requests = appRequests(app);
      for (const scenarioId of scenarioIds) {
        log(`wrangler dev: profiling ${scenarioNames[scenarioId]}…`);
        const request = requestFor(scenarioId, requests);
        const profiled = await profileScenario({
          scenarioId,
          runtime,
          how: `\`wrangler dev\` (the local stack of \`npm run dev\`), attached through wrangler's inspector on port ${inspector.port}`,
          wsUrl: inspector.wsUrl,
          url: app.url,
          request,
          workerPids,
        });
        // Not the worker's own isolate: wrangler's inspector proxy holds the one session workerd allows.
        profiled.isolates = await isolatesPass(await workerdInspectorPort(workerPids()[0]), app.url, request, workerPids, [appIsolateId]);
        results.push(profiled);
      }
    } else {
      log('Building the deploy bundle (wrangler deploy --dry-run) and starting it under Miniflare…');
      const { bundle, mf, inspectorPort, target } = await startInspectableApp(tmp, stack);
      cleanups.push(() => mf.stop());
      log('Miniflare: preparing…');
      const app = await prepareApp(mf.origin, settings.seededProjects);
      const workerPids = () => workerdPids(mf.pid);
      const requests = appRequests(app);
      for (const scenarioId of scenarioIds) {
        log(`Miniflare: profiling ${scenarioNames[scenarioId]}…`);
        const request = requestFor(scenarioId, requests);
        const profiled = await profileScenario({
          scenarioId,
          runtime,
          how: "the production bundle (not minified) under Miniflare's Node API (bench/miniflare-host.ts), attached to workerd's inspector directly",
          wsUrl: target.webSocketDebuggerUrl,
          url: app.url,
          request,
          workerPids,
          scripts: bundle.scripts,
        });
        profiled.isolates = await isolatesPass(inspectorPort, app.url, request, workerPids, [appIsolateId]);
        results.push(profiled);
      }
      await mf.stop();
    }
  }

  const text = render(results);
  writeFileSync(out, text);
  console.log(text);
  log(`Wrote ${out}.`);
}

// ---------------------------------------------------------------------------------------------
// The summary

const fixed = (value: number, digits = 2) => value.toFixed(digits);
const cell = (text: string) => text.replaceAll('|', '\\|');

function section(p: Profiled): string {
  const s = p.summary;
  const n = p.requests;
  const perReq = (ms: number) => fixed(ms / n, 3);
  const pct = (ms: number) => `${fixed((100 * ms) / s.busyMs, 1)} %`;
  const lines: string[] = [];
  lines.push(
    `## ${scenarioNames[p.scenarioId]} under ${p.runtime === 'wrangler' ? '`wrangler dev`' : 'Miniflare, without `wrangler dev`'}`,
  );
  lines.push('');
  lines.push(
    `${p.how}. ${n} requests, ${settings.concurrency} in flight${p.errors ? `, ${p.errors} not 2xx` : ''}; ${s.samples} samples, one every ${settings.intervalUs} µs requested (${s.typicalGapUs} µs typical).`,
  );
  lines.push('');
  lines.push(
    `**The isolate ran ${fixed(s.busyMs / n)} ms per request** (sampled time outside "(idle)": JavaScript, the runtime APIs it called, garbage collection). ` +
      `Its workerd process used ${fixed(p.processCpuMsPerReq)} ms of CPU per request over the same window (/proc; every isolate in that process, workerd's HTTP handling, and the profiler itself).`,
  );
  const spread = requestSpread(p.perRequestMs);
  if (spread) lines.push('', `Request by request: ${spreadText(spread)}.`);
  lines.push('');
  lines.push('Self time by origin:');
  lines.push('');
  lines.push('| origin | ms/request | share |');
  lines.push('|---|---:|---:|');
  for (const o of s.byOrigin) lines.push(`| ${cell(o.origin)} | ${perReq(o.ms)} | ${pct(o.ms)} |`);
  lines.push('');
  lines.push('Top 30 by self time (bottom-up). A runtime function (native) is shown with the JavaScript function that called it:');
  lines.push('');
  lines.push('| # | function | where | origin | ms/request | share |');
  lines.push('|---:|---|---|---|---:|---:|');
  s.selfTop.slice(0, 30).forEach((h, i) => {
    const name = h.calledFrom ? `${h.name} ← ${h.calledFrom}` : h.name;
    lines.push(`| ${i + 1} | ${cell(name)} | ${cell(h.where || '—')} | ${cell(h.origin)} | ${perReq(h.ms)} | ${pct(h.ms)} |`);
  });
  lines.push('');
  lines.push(
    "Our own functions (worker/), total time including what they call (top 15). A middleware's total also holds the links after it that run synchronously inside its `next()`, and an async function's samples after an `await` count again:",
  );
  lines.push('');
  lines.push('| function | where | ms/request | share |');
  lines.push('|---|---|---:|---:|');
  for (const f of s.oursInclusive.slice(0, 15)) lines.push(`| ${cell(f.name)} | ${cell(f.where)} | ${perReq(f.ms)} | ${pct(f.ms)} |`);
  const iso = p.isolates;
  if (iso) {
    const total = iso.isolates.reduce((sum, i) => sum + i.msPerReq, 0);
    lines.push('');
    lines.push(
      `The isolates of the worker's workerd process that run per request, each profiled on its own in a second pass (${settings.isolatesRequests} sequential requests each, one sample every ${settings.isolatesIntervalUs} µs)` +
        " — all but the worker's own, profiled above" +
        '. The last column is the whole process meanwhile (/proc, the profiler included):',
    );
    lines.push('');
    lines.push('| isolate | ms/request | share of the listed | process ms CPU/request |');
    lines.push('|---|---:|---:|---:|');
    for (const i of iso.isolates) {
      lines.push(`| \`${i.id}\` | ${fixed(i.msPerReq, 3)} | ${fixed((100 * i.msPerReq) / total, 1)} % | ${fixed(i.processCpuMsPerReq)} |`);
    }
  }
  return lines.join('\n');
}

function render(unordered: Profiled[]): string {
  const results = [...unordered].sort(
    (a, b) => scenarioIds.indexOf(a.scenarioId) - scenarioIds.indexOf(b.scenarioId) || a.runtime.localeCompare(b.runtime) * -1,
  );
  const summary = [
    '| scenario | runtime | the isolate, ms/request | its workerd process, ms CPU/request (profiler included) | the other isolates of that process, ms/request (second pass) |',
    '|---|---|---:|---:|---:|',
    ...results.map((r) => {
      const others = r.isolates?.isolates.filter((i) => i.id !== appIsolateId).reduce((sum, i) => sum + i.msPerReq, 0);
      return `| ${scenarioNames[r.scenarioId]} | ${r.runtime === 'wrangler' ? '`wrangler dev`' : 'Miniflare'} | ${fixed(r.summary.busyMs / r.requests)} | ${fixed(r.processCpuMsPerReq)} | ${others === undefined ? '—' : fixed(others)} |`;
    }),
  ];
  return [
    '# CPU profile of the worker isolate',
    '',
    `Written by \`node bench/profile.ts ${scenarioIds.join(' ')} --runtime=${runtimeArg}\` on ${new Date().toISOString()}. ` +
      "V8's sampling profiler over the Chrome DevTools Protocol, attached to the app's own isolate: the other isolates in the same workerd " +
      "(wrangler's and Miniflare's entry worker, the local simulations of bindings) are in a second pass of their own, and the processes around it are not in these numbers.",
    '',
    ...summary,
    '',
    'How to read it: the sampler ticks steadily but records a sample only while the isolate runs, so the wait for I/O is not sampled; each sample weighs one sampling period ' +
      '(the median gap between consecutive ticks of a run: the sampler ticks slower than asked), so the time before an await (a `fetch`, `console.log`) is not inflated by the wait that follows. ' +
      "Wall-clock sampling counts the time the isolate's thread holds the isolate, also when the system takes the core away, and the profiler slows the isolate itself: " +
      "read the times as upper bounds. For a log line's cost without a session attached, see the (a') calibration rows of bench/RESULTS.md. " +
      "Why a profiler and not the runtime's own count: the platform hands each invocation's CPU time to tail workers (`cpuTime`, beside `wallTime`), " +
      'but workerd run locally reports both as 0 (a tail worker under Miniflare, wrangler 4.164), so a sampled profile is the closest local reading of what the edge bills.',
    '',
    ...beyondTheIsolate,
    '',
    ...startUp,
    '',
    ...results.flatMap((r) => [section(r), '']),
  ].join('\n');
}

try {
  await main();
} catch (error) {
  console.error(`\nProfiling failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}

/** The isolate's time per request across the profiled requests: median, tail and worst. */
function spreadText({ medianMs, p90Ms, p99Ms, worstMs }: RequestSpread): string {
  return `median ${medianMs.toFixed(2)} ms, p90 ${p90Ms.toFixed(2)}, p99 ${p99Ms.toFixed(2)} (${(p99Ms / medianMs).toFixed(1)} × the median), worst ${worstMs.toFixed(2)}`;
}
