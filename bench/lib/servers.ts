/**
 * The servers a benchmark run starts: plain `wrangler dev` workers (the baseline, the probe), the
 * whole stack in a child process (bench/stack-host.ts) and built workers under Miniflare without
 * `wrangler dev` (bench/miniflare-host.ts). Every one is stopped by pid or process group.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { type GroupProcess, root, type StackOptions, spawnGroup } from '../../scripts/stack.ts';
import { descendants } from './proc.ts';

export const wranglerBin = join(root, 'node_modules/wrangler/bin/wrangler.js');

// Below Linux's ephemeral range (32768–60999): a port handed out by `listen(0)` comes from that
// range, and once released it can be taken by any outgoing connection before the server that was
// meant to have it starts listening (the webhooks bench once failed so, EADDRINUSE).
const firstPort = 20_000;
const lastPort = 32_767;

/** `n` distinct ports that were free a moment ago on 127.0.0.1, outside the ephemeral range. */
export async function freePorts(n: number): Promise<number[]> {
  const ports: number[] = [];
  for (let attempt = 0; ports.length < n && attempt < 1_000; attempt++) {
    const port = firstPort + Math.floor(Math.random() * (lastPort - firstPort + 1));
    if (!ports.includes(port) && (await isFree(port))) ports.push(port);
  }
  if (ports.length < n) throw new Error(`no ${n} free ports between ${firstPort} and ${lastPort}`);
  return ports;
}

async function isFree(port: number): Promise<boolean> {
  const server: Server = createServer();
  const listening = await new Promise<boolean>((done) => {
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => done(true));
  });
  if (listening) await new Promise((done) => server.close(done));
  return listening;
}

/** Polls `url` until it answers 200, the process exits, or time runs out. */
export async function waitFor200(url: string, timeoutMs: number, exited: () => number | undefined, output: () => string) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    const code = exited();
    if (code !== undefined) throw new Error(`exited (code ${code}) before ${url} answered:\n${output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      const body = await response.text();
      if (response.status === 200) return;
      last = `${response.status} ${body.slice(0, 200)}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s (last: ${last}):\n${output()}`);
}

export interface WranglerDev {
  url: string;
  /** pid of the wrangler process (workerd runs below it). */
  pid: number;
  /** From spawning `wrangler dev` to the first 200 on the ready path. */
  startMs: number;
  process: GroupProcess;
  stop(): Promise<void>;
}

/** The compatibility date and flags of the app's wrangler.toml, so baseline and probe match it. */
export function rootCompatibility(): { date: string; flags: string[] } {
  const text = readFileSync(join(root, 'wrangler.toml'), 'utf8');
  const date = /^\s*compatibility_date\s*=\s*"([^"]+)"/m.exec(text)?.[1];
  const flagsText = /^\s*compatibility_flags\s*=\s*\[([^\]]*)\]/m.exec(text)?.[1] ?? '';
  if (!date) throw new Error('wrangler.toml has no compatibility_date');
  return { date, flags: [...flagsText.matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? '').filter(Boolean) };
}

export async function startWranglerDev(options: {
  config: string;
  label: string;
  persistTo: string;
  readyPath?: string;
  timeoutMs?: number;
}): Promise<WranglerDev> {
  const [port, inspectorPort] = await freePorts(2);
  const compat = rootCompatibility();
  const started = performance.now();
  const proc = spawnGroup(
    wranglerBin,
    [
      'dev',
      '--config',
      options.config,
      '--port',
      String(port),
      '--ip',
      '127.0.0.1',
      '--inspector-port',
      String(inspectorPort),
      '--show-interactive-dev-session=false',
      '--persist-to',
      options.persistTo,
      '--compatibility-date',
      compat.date,
      ...compat.flags.flatMap((flag) => ['--compatibility-flags', flag]),
    ],
    { quiet: true, label: options.label },
  );
  let exitCode: number | undefined;
  void proc.exited.then((code) => {
    exitCode = code;
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor200(`${url}${options.readyPath ?? '/'}`, options.timeoutMs ?? 90_000, () => exitCode, proc.output);
  } catch (error) {
    await proc.stop();
    throw new Error(`${options.label}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const pid = proc.child.pid;
  if (pid === undefined) throw new Error(`${options.label}: no pid`);
  return { url, pid, startMs: performance.now() - started, process: proc, stop: () => proc.stop() };
}

export interface StackHostReady {
  type: 'ready';
  stack: { url: string; dbServerUrl: string; postgresUrl: string; webhookReceiverUrl: string | null };
  startMs: number;
}
export interface StackHostError {
  type: 'error';
  message: string;
}
export type StackHostMessage = StackHostReady | StackHostError;

export interface StackProcess {
  url: string;
  dbServerUrl: string;
  /** Postgres connection string of the database behind the endpoint. */
  postgresUrl: string;
  /** The local webhook receiver the stack started (scripts/webhook-receiver), or null. */
  webhookReceiverUrl: string | null;
  /** pid of the stack host: the database endpoint and PGlite run in it; wrangler and workerd below it. */
  pid: number;
  startMs: number;
  stop(): Promise<void>;
}

function alive(pid: number, comm: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').includes(`(${comm})`);
  } catch {
    return false;
  }
}

function exitOf(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once('exit', () => done());
  });
}

/** Forks a host script of bench/ (its options as JSON in argv[2]), keeping the last lines of its output. */
function forkHost(script: string, options: unknown) {
  const child = fork(join(root, script), [JSON.stringify(options)], {
    cwd: root,
    execPath: process.execPath,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(
      ...chunk
        .toString()
        .split('\n')
        .filter((l) => l.trim()),
    );
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${script}: no pid`);

  const stop = async () => {
    // Remember what runs below the host: once it exits, its orphans can no longer be found by walking from it.
    const below = descendants(pid);
    if (child.connected) child.send('stop');
    else child.kill('SIGTERM');
    const exited = exitOf(child);
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
    for (const p of below) {
      if (!alive(p.pid, p.comm)) continue;
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };

  /** The host's first message: ready, or why not. */
  const ready = <T extends { type: 'ready' }>(what: string, timeoutMs: number) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${what} did not start within ${timeoutMs / 1000} s`)), timeoutMs);
      child.on('message', (message: T | { type: 'error'; message: string }) => {
        clearTimeout(timer);
        if (message.type === 'ready') resolve(message as T);
        else reject(new Error(`${what} did not start: ${(message as { message: string }).message}`));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${what} exited (code ${code}):\n${lines.join('\n')}`));
      });
    }).catch(async (error: unknown) => {
      await stop();
      throw error;
    });
  /** Asks the host and waits for its answer of `type`. */
  const ask = <T extends { type: string }>(message: string, type: T['type'], timeoutMs = 10_000) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${script}: no answer to ${message}`)), timeoutMs);
      const listener = (answer: { type: string }) => {
        if (answer.type !== type) return;
        clearTimeout(timer);
        child.off('message', listener);
        resolve(answer as T);
      };
      child.on('message', listener);
      child.send(message);
    });
  return { pid, stop, ready, ask };
}

/** Starts the whole stack in bench/stack-host.ts and waits until it answers. */
/**
 * The stack every bench measures: free ports, an in-memory database, no seed, no web build, and no
 * sign-in stand-ins (they are not measured, and their ports, the worker's + 3…6, are not among the
 * free ports picked here).
 */
export async function startBenchStack(): Promise<StackProcess> {
  const [port, dbServerPort, pglitePort] = await freePorts(3);
  return startStackProcess({
    port,
    dbServerPort,
    pglitePort,
    dataDir: null,
    seed: false,
    buildWeb: false,
    identityProviders: false,
    quiet: true,
  });
}

export async function startStackProcess(options: StackOptions, timeoutMs = 180_000): Promise<StackProcess> {
  const host = forkHost('bench/stack-host.ts', options);
  const { pid, stop } = host;
  const ready = await host.ready<StackHostReady>('the stack', timeoutMs);

  return {
    url: ready.stack.url,
    dbServerUrl: ready.stack.dbServerUrl,
    postgresUrl: ready.stack.postgresUrl,
    webhookReceiverUrl: ready.stack.webhookReceiverUrl,
    pid,
    startMs: ready.startMs,
    stop,
  };
}

export interface MiniflareHostOptions {
  name: string;
  /** The built worker module (e.g. the deploy bundle of `wrangler deploy --dry-run`). */
  scriptPath: string;
  /** wrangler.toml (relative to the repository) whose bindings the worker gets. */
  config: string;
  vars: Record<string, string>;
  compatibilityDate: string;
  compatibilityFlags: string[];
  port: number;
  /** Opens workerd's inspector on this port (for bench/profile.ts); none when absent. */
  inspectorPort?: number;
  /** Adds a tail worker that counts the worker's invocations, Durable Object calls among them. */
  countInvocations?: boolean;
}
export type MiniflareHostMessage =
  | { type: 'ready'; url: string; startMs: number }
  | { type: 'error'; message: string }
  | { type: 'invocations'; counts: Record<string, number> };

export interface MiniflareProcess {
  url: string;
  /** pid of the Miniflare host: its workerd runs below it. */
  pid: number;
  startMs: number;
  stop(): Promise<void>;
  /** With `countInvocations`: the invocations since the last call, by entrypoint and kind ("RateLimiter rpc consume"). */
  invocations(): Promise<Record<string, number>>;
}

/** Runs a built worker under Miniflare's Node API (bench/miniflare-host.ts), without `wrangler dev`. */
export async function startMiniflareProcess(options: MiniflareHostOptions, timeoutMs = 90_000): Promise<MiniflareProcess> {
  const host = forkHost('bench/miniflare-host.ts', options);
  const ready = await host.ready<Extract<MiniflareHostMessage, { type: 'ready' }>>(`Miniflare (${options.name})`, timeoutMs);
  const invocations = async () =>
    (await host.ask<Extract<MiniflareHostMessage, { type: 'invocations' }>>('invocations', 'invocations')).counts;
  return { url: ready.url, pid: host.pid, startMs: ready.startMs, stop: host.stop, invocations };
}

/**
 * The app's deploy bundle under Miniflare, on the stack's database endpoint, with the variables the
 * local stack gives `wrangler dev` (scripts/stack.ts). The app is served at 127.0.0.1; `origin` is
 * the origin it trusts (localhost, as under `wrangler dev`).
 */
export async function startMiniflareApp(options: {
  scriptPath: string;
  stack: Pick<StackProcess, 'dbServerUrl' | 'postgresUrl'>;
  inspectorPort?: number;
  countInvocations?: boolean;
  /** To start it again where it was, its sessions still valid: the same port and secret. */
  port?: number;
  appSecret?: string;
}): Promise<MiniflareProcess & { origin: string }> {
  const [port] = options.port ? [options.port] : await freePorts(1);
  if (port === undefined) throw new Error('no free port');
  const origin = `http://localhost:${port}`;
  const compat = rootCompatibility();
  const app = await startMiniflareProcess({
    name: 'edge-saas',
    scriptPath: options.scriptPath,
    config: 'wrangler.toml',
    vars: {
      DATABASE_URL: options.stack.postgresUrl,
      APP_SECRET: options.appSecret ?? randomBytes(32).toString('base64url'),
      NEON_LOCAL_PROXY: new URL(options.stack.dbServerUrl).host,
      APP_ENV: 'development',
      APP_ORIGIN: origin,
      CORS_ORIGINS: [origin, `http://127.0.0.1:${port}`, 'http://localhost:5173'].join(','),
    },
    compatibilityDate: compat.date,
    compatibilityFlags: compat.flags,
    port,
    ...(options.inspectorPort ? { inspectorPort: options.inspectorPort } : {}),
    ...(options.countInvocations ? { countInvocations: true } : {}),
  });
  return { ...app, origin };
}

/**
 * The app's and the hello world's bundles under Miniflare, for the -mf rows. They are measured
 * without an inspector: with one, V8 keeps the last 1,000 console messages alive (so every log line
 * reaches the old generation), which the edge does not. `restart(true)` starts both again, on the same
 * ports with the same secret (the prepared sessions and keys stay valid), with inspectors for the
 * profiles and the heap; `restart(false)` without them again (docs/decisions/070-bench-measures-as-the-edge-runs.md).
 */
export interface MiniflarePair {
  readonly baseline: MiniflareProcess;
  readonly app: MiniflareProcess & { origin: string };
  /** The inspector ports while they are open. */
  readonly inspectors: { baseline: number; app: number } | null;
  restart(withInspectors: boolean): Promise<void>;
  stop(): Promise<void>;
}

export async function startMiniflarePair(options: {
  appBundle: string;
  baselineBundle: string;
  stack: Pick<StackProcess, 'dbServerUrl' | 'postgresUrl'>;
}): Promise<MiniflarePair> {
  const [baselinePort, appPort, baselineInspector, appInspector] = await freePorts(4);
  if (!baselinePort || !appPort || !baselineInspector || !appInspector) throw new Error('no free ports');
  const appSecret = randomBytes(32).toString('base64url');
  const compat = rootCompatibility();
  const start = async (withInspectors: boolean) => {
    const baseline = await startMiniflareProcess({
      name: 'bench-baseline',
      scriptPath: options.baselineBundle,
      config: 'bench/baseline/wrangler.toml',
      vars: {},
      compatibilityDate: compat.date,
      compatibilityFlags: compat.flags,
      port: baselinePort,
      ...(withInspectors ? { inspectorPort: baselineInspector } : {}),
    });
    const app = await startMiniflareApp({
      scriptPath: options.appBundle,
      stack: options.stack,
      port: appPort,
      appSecret,
      ...(withInspectors ? { inspectorPort: appInspector } : {}),
    }).catch(async (error: unknown) => {
      await baseline.stop();
      throw error;
    });
    return { baseline, app, inspectors: withInspectors ? { baseline: baselineInspector, app: appInspector } : null };
  };
  let current = await start(false);
  const stop = async () => {
    await Promise.all([current.app.stop(), current.baseline.stop()]);
  };
  return {
    get baseline() {
      return current.baseline;
    },
    get app() {
      return current.app;
    },
    get inspectors() {
      return current.inspectors;
    },
    async restart(withInspectors: boolean) {
      await stop();
      current = await start(withInspectors);
    },
    stop,
  };
}
