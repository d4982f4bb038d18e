/**
 * A minimal Chrome DevTools Protocol client for the workerd inspector (`wrangler dev
 * --inspector-port`, or Miniflare's `inspectorPort`), and the aggregation of a V8 CPU profile into
 * self time by function and by origin (our code, each package, the runtime's own scripts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import WebSocket from 'ws';

export interface InspectorTarget {
  id: string;
  title?: string;
  description?: string;
  url?: string;
  webSocketDebuggerUrl: string;
}

/** The targets an inspector lists at /json, or null when nothing there speaks the protocol. */
export async function listTargets(port: number): Promise<InspectorTarget[] | null> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/json`, { signal: AbortSignal.timeout(2_000) });
    if (!response.ok) return null;
    const body = (await response.json()) as unknown;
    if (!Array.isArray(body)) return null;
    return body.filter((t): t is InspectorTarget => typeof (t as InspectorTarget)?.webSocketDebuggerUrl === 'string');
  } catch {
    return null;
  }
}

/**
 * A full garbage collection of the session's isolate. workerd does not answer
 * `HeapProfiler.collectGarbage`; a heap snapshot starts with a full collection, so one is taken
 * (its chunks are dropped). The session must have `HeapProfiler` enabled.
 */
export async function fullCollection(session: CdpSession): Promise<void> {
  await session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false }, 180_000);
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void; method: string };

export class CdpSession {
  readonly #socket: WebSocket;
  readonly #pending = new Map<number, Pending>();
  readonly #listeners = new Map<string, Array<(params: unknown) => void>>();
  #nextId = 1;

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as {
        id?: number;
        result?: unknown;
        error?: { message: string };
        method?: string;
        params?: unknown;
      };
      // workerd answers some Profiler commands by sending the request itself back (`Profiler.enable`
      // returns as `{ id, method, params }`, without `result`): an answer is whatever carries our id.
      if (message.id !== undefined) {
        const pending = this.#pending.get(message.id);
        if (!pending) return;
        this.#pending.delete(message.id);
        if (message.error) pending.reject(new Error(`${pending.method}: ${message.error.message}`));
        else pending.resolve(message.result ?? {});
      } else if (message.method) {
        for (const listener of this.#listeners.get(message.method) ?? []) listener(message.params);
      }
    });
    socket.on('close', () => {
      for (const pending of this.#pending.values()) pending.reject(new Error(`${pending.method}: inspector closed`));
      this.#pending.clear();
    });
  }

  static async connect(url: string): Promise<CdpSession> {
    const socket = new WebSocket(url, { perMessageDeflate: false, maxPayload: 512 * 1024 * 1024 });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new CdpSession(socket);
  }

  send<T = unknown>(method: string, params: Record<string, unknown> = {}, timeoutMs = 60_000): Promise<T> {
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`${method}: no answer within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.#pending.set(id, {
        method,
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.#socket.send(JSON.stringify({ id, method, params }));
    });
  }

  on(method: string, listener: (params: unknown) => void): void {
    this.#listeners.set(method, [...(this.#listeners.get(method) ?? []), listener]);
  }

  close(): void {
    this.#socket.close();
  }
}

// ---------------------------------------------------------------------------------------------
// V8 CPU profiles

/**
 * Script URLs by script id, as the isolate reports them to a debugger (a profile may name a script
 * by its bare module name only). Enabling the debugger replays every parsed script.
 */
export async function scriptUrls(session: CdpSession): Promise<Map<string, string>> {
  const urls = new Map<string, string>();
  session.on('Debugger.scriptParsed', (params) => {
    const { scriptId, url } = params as { scriptId: string; url: string };
    if (url) urls.set(scriptId, url);
  });
  await session.send('Debugger.enable');
  await session.send('Debugger.disable');
  return urls;
}

export interface CallFrame {
  functionName: string;
  scriptId: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

export interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
  /** Samples of this node by source line (1-based) of its function. */
  positionTicks?: Array<{ line: number; ticks: number }>;
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Maps a generated position (0-based) to its original source, through the script's source map. */
export class SourceResolver {
  /** Paths are reported relative to it (the repository). */
  readonly root: string;
  readonly #prefix: string;
  readonly #maps = new Map<string, { map: SourceMap; dir: string } | null>();
  readonly #aliases = new Map<string, string>();

  constructor(root: string) {
    this.root = root;
    this.#prefix = root.endsWith('/') ? root : `${root}/`;
  }

  /** A script the profile names by a bare module name (`index.js`) is this file (a path or file: URL). */
  addScript(url: string, file: string): void {
    this.#aliases.set(url, file.startsWith('file://') ? file : pathToFileURL(file).href);
  }

  /** Reads every source map now: `wrangler dev` deletes its bundle when it stops. */
  preload(urls: Iterable<string>): void {
    for (const url of urls) this.#mapFor(url);
  }

  #mapFor(url: string): { map: SourceMap; dir: string } | null {
    if (this.#maps.has(url)) return this.#maps.get(url) ?? null;
    let entry: { map: SourceMap; dir: string } | null = null;
    const fileUrl = this.#aliases.get(url) ?? url;
    if (fileUrl.startsWith('file://')) {
      try {
        const path = fileURLToPath(fileUrl);
        const text = readFileSync(path, 'utf8');
        const reference = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(text.slice(-500))?.[1];
        const mapPath = new URL(reference ?? `${path.split('/').pop()}.map`, fileUrl);
        const payload = JSON.parse(readFileSync(mapPath, 'utf8'));
        entry = { map: new SourceMap(payload), dir: new URL('.', mapPath).href };
      } catch {
        entry = null;
      }
    }
    this.#maps.set(url, entry);
    return entry;
  }

  /** `{ file, line }` (file relative to the root when inside it, line 1-based), or null. */
  resolve(url: string, line: number, column: number): { file: string; line: number } | null {
    const entry = this.#mapFor(url);
    if (!entry || line < 0) return null;
    const found = entry.map.findEntry(line, Math.max(0, column)) as { originalSource?: string; originalLine?: number };
    if (!found.originalSource) return null;
    let file = found.originalSource;
    try {
      file = fileURLToPath(new URL(found.originalSource, entry.dir));
    } catch {
      // keep it as written
    }
    if (file.startsWith(this.#prefix)) file = file.slice(this.#prefix.length);
    return { file, line: (found.originalLine ?? 0) + 1 };
  }
}

const packageOfSource = new Map<string, string | null>();
let packageDirs: string[] | null = null;

/**
 * A package that ships its own source maps (drizzle-orm) maps to `node_modules/src/…`: its `src/`
 * seen from its package folder. Finds the package that holds the compiled file.
 */
function packageHolding(root: string, rest: string): string | null {
  if (packageOfSource.has(rest)) return packageOfSource.get(rest) ?? null;
  packageDirs ??= readdirSync(join(root, 'node_modules')).flatMap((name) =>
    name.startsWith('@') ? readdirSync(join(root, 'node_modules', name)).map((sub) => `${name}/${sub}`) : [name],
  );
  const compiled = rest.replace(/^src\//, '').replace(/\.ts$/, '.js');
  // The package whose compiled file has a source map of its own (pointing back into its src/).
  const found = packageDirs.find((dir) => existsSync(join(root, 'node_modules', dir, `${compiled}.map`))) ?? null;
  packageOfSource.set(rest, found);
  return found;
}

/** Who a piece of code belongs to: our source folders, a package, the local runtime's own scripts. */
export function originOf(file: string, root?: string): string {
  const nodeModules = file.lastIndexOf('node_modules/');
  if (nodeModules >= 0) {
    const rest = file.slice(nodeModules + 'node_modules/'.length).split('/');
    if (rest[0] === 'src' && root) {
      const holder = packageHolding(root, rest.join('/'));
      if (holder) return holder;
    }
    const name = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? file);
    return name === 'wrangler' || name === 'miniflare' ? `${name} (local dev)` : name;
  }
  if (/^(worker|queues|durable-objects)\//.test(file)) return file.split('/').slice(0, 2).join('/');
  if (file.startsWith('node-internal:')) return 'workerd node compat (node-internal:*)';
  if (file.startsWith('cloudflare-internal:ratelimit')) return 'rate-limit binding, as simulated locally';
  if (file.startsWith('cloudflare-internal:') || file.startsWith('workerd:') || file.startsWith('cloudflare:')) {
    return 'workerd built-in scripts';
  }
  return file;
}

const specialFrames = new Set(['(root)', '(program)', '(idle)', '(garbage collector)']);

export interface HotSpot {
  /** Function name as bundled (esbuild may add a digit), "(native)" for an unnamed runtime function. */
  name: string;
  /** file:line in the original source, or the script URL. */
  where: string;
  origin: string;
  /** For a runtime (native) function: the JS function that called it. */
  calledFrom: string | null;
  ms: number;
}

export interface ProfileSummary {
  samples: number;
  intervalUs: number;
  /** The sampler's real period (`typicalGap`): what one sample weighs. */
  typicalGapUs: number;
  wallMs: number;
  /** Time the isolate was running (held its lock): the samples' weights summed, "(idle)" excluded. */
  busyMs: number;
  selfTop: HotSpot[];
  byOrigin: Array<{ origin: string; ms: number }>;
  /** Inclusive (total) time of our own functions: everything they and their callees ran. */
  oursInclusive: Array<{ name: string; where: string; ms: number }>;
}

/**
 * The isolate's time per request, for requests sent one at a time: request i owns the samples taken
 * from its start until the next one's (so work it leaves for after its response, such as
 * `waitUntil`, counts as its own). `startsUs` are the requests' send times on the monotonic clock in
 * microseconds, the clock V8 stamps its profiles with on the same machine (CLOCK_MONOTONIC). Samples
 * weigh what they weigh in `summarizeProfile`; "(idle)" weighs nothing.
 */
export function busyMsPerRequest(profile: CpuProfile, intervalUs: number, startsUs: readonly number[]): number[] {
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  const cap = typicalGap(profile.timeDeltas, intervalUs);
  const busyUs = startsUs.map(() => 0);
  let at = profile.startTime;
  let request = -1;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    while (request + 1 < startsUs.length && (startsUs[request + 1] as number) <= at) request++;
    if (request < 0 || idle.has(profile.samples[i] as number)) continue;
    busyUs[request] = (busyUs[request] as number) + Math.min(profile.timeDeltas[i + 1] ?? cap, cap);
  }
  return busyUs.map((us) => us / 1000);
}

/**
 * The sampler's real period: what one sample weighs. It ticks somewhat slower than asked (about 280 µs
 * for 200 here), and records a sample only while the isolate runs, so a gap of one period can only lie
 * inside a run, while a gap that spans a wait (a binding's round trip, the next request) is at least two.
 * Gaps up to twice the asked interval are therefore consecutive ticks, and their median is the period.
 * Taking every gap below four intervals instead let short requests (two bursts a few ticks apart
 * around a `fetch`) read the wait as the period: `/health` weighed 740 µs a sample after other traffic.
 */
export function typicalGap(timeDeltas: readonly number[], intervalUs: number): number {
  const within = (limit: number) =>
    timeDeltas
      .slice(1)
      .filter((d) => d > 0 && d <= limit)
      .sort((a, b) => a - b);
  const consecutive = within(intervalUs * 2);
  // A machine so loaded that the period passes twice the interval leaves too few such gaps to trust.
  const gaps = consecutive.length >= 20 ? consecutive : within(intervalUs * 4);
  return gaps[Math.floor(gaps.length / 2)] ?? intervalUs;
}

/**
 * Bottom-up self time. The sampler ticks at a steady period but records a sample only while the
 * isolate runs (holds its lock): while it waits for I/O no sample is taken, and the next sample's
 * time delta spans the whole wait. Charging that gap to the previous sample would credit the last
 * function before every await (`fetch`, `console.log`) with the waiting time. A run of the isolate
 * of length L holds L / period samples on average whatever its phase, so each sample weighs one
 * period (`typicalGap`), less when the next one came sooner.
 */
export function summarizeProfile(profile: CpuProfile, intervalUs: number, resolver: SourceResolver): ProfileSummary {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);

  const typicalGapUs = typicalGap(profile.timeDeltas, intervalUs);
  const cap = typicalGapUs;

  const describe = new Map<number, { name: string; where: string; origin: string; native: boolean; special: boolean }>();
  const frameOf = (id: number) => {
    let d = describe.get(id);
    if (d) return d;
    const cf = (nodes.get(id) as ProfileNode).callFrame;
    const special = specialFrames.has(cf.functionName);
    const native = !special && cf.url === '';
    const resolved = cf.url ? resolver.resolve(cf.url, cf.lineNumber, cf.columnNumber) : null;
    const where = resolved ? `${resolved.file}:${resolved.line}` : cf.url ? `${cf.url}:${cf.lineNumber + 1}` : '';
    const origin = special ? cf.functionName : native ? 'runtime APIs (native)' : originOf(resolved?.file ?? cf.url, resolver.root);
    d = { name: cf.functionName || (native ? '(native)' : '(anonymous)'), where, origin, native, special };
    describe.set(id, d);
    return d;
  };

  const self = new Map<string, HotSpot>();
  const origins = new Map<string, number>();
  const inclusive = new Map<string, { name: string; where: string; ms: number }>();
  let busyUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i] as number;
    const weight = Math.min(profile.timeDeltas[i + 1] ?? typicalGapUs, cap);
    const frame = frameOf(id);
    if (frame.name === '(idle)') continue;
    busyUs += weight;
    let calledFrom: string | null = null;
    if (frame.native) {
      // The nearest JS caller says what the runtime call was for.
      for (let p = parent.get(id); p !== undefined; p = parent.get(p)) {
        const caller = frameOf(p);
        if (!caller.native && !caller.special) {
          calledFrom = `${caller.name} (${caller.where})`;
          break;
        }
      }
    }
    const key = `${frame.name}|${frame.where}|${calledFrom ?? ''}`;
    const spot = self.get(key) ?? { name: frame.name, where: frame.where, origin: frame.origin, calledFrom, ms: 0 };
    spot.ms += weight / 1000;
    self.set(key, spot);
    origins.set(frame.origin, (origins.get(frame.origin) ?? 0) + weight / 1000);

    const seen = new Set<string>();
    for (let p: number | undefined = id; p !== undefined; p = parent.get(p)) {
      const f = frameOf(p);
      if (!f.origin.startsWith('worker/')) continue;
      const k = `${f.name}|${f.where}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const entry = inclusive.get(k) ?? { name: f.name, where: f.where, ms: 0 };
      entry.ms += weight / 1000;
      inclusive.set(k, entry);
    }
  }
  const byMs = <T extends { ms: number }>(a: T, b: T) => b.ms - a.ms;
  return {
    samples: profile.samples.length,
    intervalUs,
    typicalGapUs,
    wallMs: (profile.endTime - profile.startTime) / 1000,
    busyMs: busyUs / 1000,
    selfTop: [...self.values()].sort(byMs),
    byOrigin: [...origins].map(([origin, ms]) => ({ origin, ms })).sort(byMs),
    oursInclusive: [...inclusive.values()].sort(byMs),
  };
}
