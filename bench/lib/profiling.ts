/**
 * One profiled run: attach to a worker's isolate, sample it with V8's CPU profiler while requests
 * are driven, and summarise the result against the scripts' source maps. Used by bench/profile.ts
 * and, for the isolate's own time per request, by bench/run.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { root } from '../../scripts/stack.ts';
import {
  busyMsPerRequest,
  CdpSession,
  type CpuProfile,
  fullCollection,
  listTargets,
  type ProfileSummary,
  SourceResolver,
  scriptUrls,
  summarizeProfile,
} from './inspector.ts';
import { type BenchRequest, Client, percentile, sleep } from './load.ts';
import { CpuMeter } from './proc.ts';
import { waitFor200 } from './servers.ts';

export interface ProfiledRun {
  summary: ProfileSummary;
  requests: number;
  /** Answers that were not 2xx. */
  errors: number;
  /** CPU of the worker's workerd process over the profiled window (/proc), the profiler included. */
  processCpuMsPerReq: number;
  /** The isolate's time for each request, in the order sent; null when requests overlapped. */
  perRequestMs: number[] | null;
}

/** How the isolate's time spreads over the requests of a profile: median, tail and worst. */
export interface RequestSpread {
  medianMs: number;
  p90Ms: number;
  p99Ms: number;
  worstMs: number;
}

export function requestSpread(perRequestMs: readonly number[] | null): RequestSpread | null {
  if (!perRequestMs || perRequestMs.length === 0) return null;
  const sorted = [...perRequestMs].sort((a, b) => a - b);
  return {
    medianMs: percentile(sorted, 50),
    p90Ms: percentile(sorted, 90),
    p99Ms: percentile(sorted, 99),
    worstMs: sorted.at(-1) as number,
  };
}

/**
 * Sends `n` requests, `concurrency` at a time; returns how many were not answered 2xx. `startsUs`
 * receives each request's send time (monotonic clock, µs).
 */
export async function drive(
  url: string,
  request: () => BenchRequest,
  n: number,
  concurrency: number,
  startsUs?: number[],
): Promise<number> {
  const client = new Client(url, concurrency);
  let errors = 0;
  let left = n;
  const loop = async () => {
    while (left > 0) {
      left--;
      const next = request();
      startsUs?.push(Number(process.hrtime.bigint() / 1000n));
      const res = await client.send(next);
      if (res.status < 200 || res.status > 299) {
        if (errors++ === 0) console.error(`  unexpected answer: ${res.status} ${res.body.slice(0, 300)}`);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, loop));
  } finally {
    client.close();
  }
  return errors;
}

/**
 * Connects and enables the profiler. Through `wrangler dev` an attempt can fail while the worker
 * reloads after a source change: then it waits for `readyUrl` and tries again.
 */
async function attach(wsUrl: string, intervalUs: number, readyUrl: string): Promise<CdpSession> {
  for (let attempt = 1; ; attempt++) {
    const session = await CdpSession.connect(wsUrl);
    try {
      await session.send('Profiler.enable', {}, 10_000);
      await session.send('Profiler.setSamplingInterval', { interval: intervalUs }, 10_000);
      return session;
    } catch (error) {
      session.close();
      if (attempt >= 5) throw error;
      console.error(`  inspector: ${error instanceof Error ? error.message : String(error)}; trying again`);
      await sleep(2_000);
      await waitFor200(
        readyUrl,
        90_000,
        () => undefined,
        () => '',
      );
    }
  }
}

export async function profileRequests(options: {
  /** The isolate's DevTools WebSocket. */
  wsUrl: string;
  url: string;
  /** Answers 200 once the worker is up (after a reload, say). */
  readyUrl: string;
  request: () => BenchRequest;
  requests: number;
  concurrency: number;
  intervalUs: number;
  /** The worker's workerd process(es), for /proc CPU and to notice a restart. */
  workerPids: () => number[];
  /** Scripts the runtime names by a bare module name, and their files. */
  scripts?: Record<string, string>;
  /** Also write the raw profile here (it opens in Chrome DevTools). */
  saveTo?: string;
  /**
   * Start from a full collection, so that a collection the load before left due does not land among
   * the profiled requests (their own garbage is still collected while they run).
   */
  collectFirst?: boolean;
}): Promise<ProfiledRun> {
  const session = await attach(options.wsUrl, options.intervalUs, options.readyUrl);
  try {
    if (options.collectFirst) {
      await session.send('HeapProfiler.enable', {}, 10_000);
      await fullCollection(session);
      await session.send('HeapProfiler.disable', {}, 10_000);
    }
    const pidsAtStart = options.workerPids().join();
    const meter = new CpuMeter(options.workerPids);
    await session.send('Profiler.start');
    meter.start();
    const startsUs: number[] = [];
    const errors = await drive(options.url, options.request, options.requests, options.concurrency, startsUs);
    const cpuMs = meter.stop();
    const { profile } = await session.send<{ profile?: CpuProfile }>('Profiler.stop');
    await session.send('Profiler.disable');
    if (!profile) throw new Error('Profiler.stop answered without a profile');
    if (options.workerPids().join() !== pidsAtStart) {
      throw new Error('the worker was restarted while profiling (wrangler dev reloads on source changes); run again');
    }
    if (options.saveTo) {
      mkdirSync(dirname(options.saveTo), { recursive: true });
      writeFileSync(options.saveTo, JSON.stringify(profile));
    }
    // A profile may name the bundle `index.js` only; the debugger knows its file.
    const resolver = new SourceResolver(root);
    const byId = await scriptUrls(session);
    const scripts = new Set<string>();
    for (const node of profile.nodes) {
      const { url, scriptId } = node.callFrame;
      if (!url) continue;
      scripts.add(url);
      const full = byId.get(scriptId);
      if (full?.startsWith('file://') && full !== url) resolver.addScript(url, full);
    }
    for (const [url, path] of Object.entries(options.scripts ?? {})) resolver.addScript(url, path);
    // `wrangler dev` removes its bundle (and map) when it stops: read the maps while it runs.
    resolver.preload(scripts);
    return {
      summary: summarizeProfile(profile, options.intervalUs, resolver),
      requests: options.requests,
      errors,
      processCpuMsPerReq: cpuMs / options.requests,
      perRequestMs: options.concurrency === 1 ? busyMsPerRequest(profile, options.intervalUs, startsUs) : null,
    };
  } finally {
    session.close();
  }
}

export interface IsolateShare {
  /** workerd's name for the isolate's service, e.g. `core:entry`, `ratelimit:ns`, `core:user:edge-saas`. */
  id: string;
  /** Sampled time outside "(idle)" per request. */
  msPerReq: number;
  /** CPU of the whole workerd process per request while this isolate was profiled (/proc). */
  processCpuMsPerReq: number;
}

/** Profiles one isolate while `requests` requests are driven; null when it will not take a session. */
async function isolateTime(
  wsUrl: string,
  options: { url: string; request: () => BenchRequest; requests: number; intervalUs: number; workerPids: () => number[] },
): Promise<{ msPerReq: number; processCpuMsPerReq: number } | null> {
  let session: CdpSession;
  try {
    session = await CdpSession.connect(wsUrl);
  } catch {
    return null;
  }
  try {
    await session.send('Profiler.enable', {}, 5_000);
    await session.send('Profiler.setSamplingInterval', { interval: options.intervalUs }, 5_000);
    await session.send('Profiler.start', {}, 5_000);
    const meter = new CpuMeter(options.workerPids);
    meter.start();
    await drive(options.url, options.request, options.requests, 1);
    const cpuMs = meter.stop();
    const { profile } = await session.send<{ profile?: CpuProfile }>('Profiler.stop', {}, 30_000);
    if (!profile) return null;
    const summary = summarizeProfile(profile, options.intervalUs, new SourceResolver(root));
    return { msPerReq: summary.busyMs / options.requests, processCpuMsPerReq: cpuMs / options.requests };
  } catch {
    return null;
  } finally {
    session.close();
  }
}

/**
 * Where a workerd process's CPU goes, isolate by isolate: the worker's own and what the local
 * runtime runs beside it (its inspector lists them all). A short coarse pass over every isolate at
 * once finds the ones that run per request; each of those is then profiled on its own (one sampler
 * signalling the thread, not one per isolate, which would slow everything). Isolates in `exclude`
 * (under `wrangler dev`, the worker's own: wrangler's inspector proxy holds it, and a second client
 * there breaks wrangler's session) and those that refuse a session are named in `skipped`.
 */
export async function profileIsolates(options: {
  inspectorPort: number;
  url: string;
  request: () => BenchRequest;
  requests: number;
  intervalUs: number;
  workerPids: () => number[];
  exclude?: string[];
}): Promise<{ isolates: IsolateShare[]; skipped: string[] }> {
  const all = (await listTargets(options.inspectorPort)) ?? [];
  const targets = all.filter((t) => !options.exclude?.includes(t.id));
  const skipped = all.filter((t) => options.exclude?.includes(t.id)).map((t) => t.id);

  // Which isolates run at all while requests are answered: every one at once, coarsely.
  const sessions: Array<{ id: string; session: CdpSession }> = [];
  const active: string[] = [];
  try {
    await Promise.all(
      targets.map(async (target) => {
        try {
          const session = await CdpSession.connect(target.webSocketDebuggerUrl);
          sessions.push({ id: target.id, session });
          await session.send('Profiler.enable', {}, 5_000);
          await session.send('Profiler.setSamplingInterval', { interval: 1_000 }, 5_000);
          await session.send('Profiler.start', {}, 5_000);
        } catch {
          skipped.push(target.id);
        }
      }),
    );
    await drive(options.url, options.request, 50, 1);
    for (const { id, session } of sessions) {
      if (skipped.includes(id)) continue;
      const { profile } = await session.send<{ profile?: CpuProfile }>('Profiler.stop', {}, 30_000).catch(() => ({ profile: undefined }));
      if (
        profile?.samples.some((sample) => (profile.nodes.find((n) => n.id === sample)?.callFrame.functionName ?? '(idle)') !== '(idle)')
      ) {
        active.push(id);
      }
    }
  } finally {
    for (const { session } of sessions) session.close();
  }

  const isolates: IsolateShare[] = [];
  for (const target of targets.filter((t) => active.includes(t.id))) {
    const time = await isolateTime(target.webSocketDebuggerUrl, options);
    if (time) isolates.push({ id: target.id, ...time });
    else skipped.push(target.id);
  }
  return { isolates: isolates.sort((a, b) => b.msPerReq - a.msPerReq), skipped: [...new Set(skipped)].sort() };
}
