/**
 * Runs a built worker bundle under Miniflare's Node API for the benchmarks, in its own process so
 * that its workerd is found below it and Miniflare's Node side does not share the load generator's
 * event loop.
 *
 * What `wrangler dev` adds in front of a worker is left out: its dev proxy (a second workerd that
 * owns the port), the inspector session that forwards every console call to wrangler, the assets
 * router in front of the worker and the local observability collector. What the worker itself
 * calls stays: its bindings as wrangler.toml declares them (the rate-limiting binding, Durable
 * Objects and queues as Miniflare simulates them), console output (written by workerd to its
 * stdout, parsed and dropped here) and its subrequests.
 *
 * Started with `fork()`: the options come as JSON in argv[2]; it answers { type: 'ready', url } or
 * { type: 'error', message } over IPC, and stops on 'stop', SIGTERM/SIGINT or when the parent goes away.
 *
 * With `countInvocations`, a tail worker records every invocation of the worker (requests, queue
 * batches, and each call on one of its Durable Objects, named by class and method); 'invocations'
 * over IPC answers { type: 'invocations', counts } and starts counting afresh. The counting tail costs
 * CPU of its own, so the measured rows never run with it.
 *
 * With BENCH_GC_TRACE=<file> in its environment, every isolate's garbage collections (V8's
 * `--trace-gc` lines: the collection, the heap before and after, the pause) are appended to that file.
 */
import { createRequire } from 'node:module';
import { appendFileSync, readdirSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from '../scripts/stack.ts';
import type { MiniflareHostMessage, MiniflareHostOptions } from './lib/servers.ts';

type MiniflareModule = typeof import('miniflare');
type V4Options = Parameters<MiniflareModule['convertV4MiniflareOptions']>[0];
type WorkerOptions = Extract<V4Options, { workers: unknown[] }>['workers'][number];

const options = JSON.parse(process.argv[2] ?? '{}') as MiniflareHostOptions;

const send = (message: MiniflareHostMessage) => {
  if (process.connected) process.send?.(message);
};

// The Miniflare (and so the workerd) that this wrangler itself runs, not whichever version is hoisted.
const wranglerRequire = createRequire(createRequire(import.meta.url).resolve('wrangler/package.json'));
const { Miniflare, NoOpLog, convertV4MiniflareOptions } = (await import(
  pathToFileURL(wranglerRequire.resolve('miniflare')).href
)) as MiniflareModule;

type ModuleType = 'ESModule' | 'Text' | 'Data' | 'CompiledWasm';
interface ModuleRule {
  type: string;
  include: string[];
}

/**
 * Every module of the bundle folder (`wrangler deploy --dry-run` writes text, data and wasm modules
 * next to the main one): the main module first, the others typed by wrangler's module rules.
 */
function bundleModules(rules: ModuleRule[]): Array<{ type: ModuleType; path: string }> {
  const root = dirname(options.scriptPath);
  const byExtension = new Map<string, ModuleType>([
    ['.js', 'ESModule'],
    ['.mjs', 'ESModule'],
  ]);
  for (const rule of rules) {
    for (const glob of rule.include) {
      const extension = /^\*\*\/\*(\.[A-Za-z0-9]+)$/.exec(glob)?.[1];
      if (extension && !byExtension.has(extension)) byExtension.set(extension, rule.type as ModuleType);
    }
  }
  const others = readdirSync(root)
    .map((file) => join(root, file))
    .filter((path) => path !== options.scriptPath && byExtension.has(extname(path)));
  return [options.scriptPath, ...others].map((path) => ({ type: byExtension.get(extname(path)) as ModuleType, path }));
}

async function workerOptions(): Promise<WorkerOptions> {
  const source = { name: options.name, modules: bundleModules([]), modulesRoot: dirname(options.scriptPath) };
  const compatibility = { compatibilityDate: options.compatibilityDate, compatibilityFlags: options.compatibilityFlags };
  // Bindings as wrangler.toml declares them, read by wrangler itself.
  const { unstable_getMiniflareWorkerOptions } = await import('wrangler');
  const fromConfig = unstable_getMiniflareWorkerOptions(join(root, options.config)).workerOptions as WorkerOptions & {
    assets?: unknown;
  };
  // The API routes run the worker first; at the edge that routing is the platform's, not the worker's.
  // The bundle's modules are listed one by one, typed by the same rules.
  const { assets: _assets, modulesRules, ...rest } = fromConfig as typeof fromConfig & { modulesRules?: ModuleRule[] };
  return {
    ...rest,
    ...compatibility,
    ...source,
    modules: bundleModules(modulesRules ?? []),
    bindings: { ...(rest.bindings ?? {}), ...options.vars },
  } as WorkerOptions;
}

const counterName = 'bench-invocations';
// A tail worker's events name the entrypoint: a Durable Object class, or none for the default export.
const counterScript = `let counts = {};
export default {
  tail(traces) {
    for (const trace of traces) {
      const event = trace.event ?? {};
      const kind = event.rpcMethod ? 'rpc ' + event.rpcMethod : event.request ? 'fetch' : event.queue ? 'queue' : event.cron !== undefined ? 'cron' : event.type ?? 'other';
      const name = (trace.entrypoint ?? 'default') + ' ' + kind;
      counts[name] = (counts[name] ?? 0) + 1;
    }
  },
  fetch() {
    const answer = Response.json(counts);
    counts = {};
    return answer;
  },
};`;

const gcTraceFile = process.env.BENCH_GC_TRACE;
// Miniflare passes these to workerd's V8; V8 prints each collection to workerd's stdout.
if (gcTraceFile) process.env.MINIFLARE_WORKERD_V8_FLAGS = '--trace-gc';
const gcLine = /: (Scavenge|Mark-Compact|Mark-Sweep|Minor Mark-Sweep)\b/;
const keepGcTrace =
  (file: string) =>
  ({ message }: { message: string }): void => {
    if (gcLine.test(message)) appendFileSync(file, `${message}\n`);
  };

let mf: InstanceType<MiniflareModule['Miniflare']> | null = null;
let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  try {
    await mf?.dispose();
  } finally {
    process.exit(code);
  }
}
async function sendInvocations(): Promise<void> {
  if (!mf) return;
  // Miniflare's Fetcher type wraps its own Request type; only fetch(url) is used here.
  const counter = (await mf.getWorker(counterName)) as unknown as { fetch(url: string): Promise<Response> };
  const answer = await counter.fetch('http://counter/');
  send({ type: 'invocations', counts: (await answer.json()) as Record<string, number> });
}
process.on('message', (message) => {
  if (message === 'stop') void stop(0);
  if (message === 'invocations') void sendInvocations();
});
process.on('disconnect', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));

try {
  const started = performance.now();
  mf = new Miniflare(
    // Options in the shape wrangler itself hands to Miniflare.
    convertV4MiniflareOptions({
      host: '127.0.0.1',
      port: options.port,
      ...(options.inspectorPort ? { inspectorPort: options.inspectorPort } : {}),
      log: new NoOpLog(),
      // workerd writes console output to its stdout as JSON lines; Miniflare parses them, here they are dropped.
      handleStructuredLogs: gcTraceFile ? keepGcTrace(gcTraceFile) : () => {},
      workers: options.countInvocations
        ? [
            { ...(await workerOptions()), tails: [counterName] },
            { name: counterName, modules: true, script: counterScript, compatibilityDate: options.compatibilityDate },
          ]
        : [await workerOptions()],
    }),
  );
  const url = await mf.ready;
  send({ type: 'ready', url: url.origin, startMs: performance.now() - started });
} catch (error) {
  send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  await stop(1);
}
