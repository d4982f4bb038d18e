/**
 * Start-up of the deploy bundle: its first evaluation in fresh isolates (one Miniflare worker per
 * sample, each its own isolate), and the first-use cost of each part the bundle loads lazily, built
 * on its own and imported by an isolate that has evaluated the bundle already.
 * The eagerly evaluated size: scripts/bundle-size.ts.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { root } from '../../scripts/stack.ts';

export { eagerBytes } from '../../scripts/bundle-size.ts';

/** The parts of the app that load on first use (a dynamic `import()` at the point of use): a file, or `package:<name>`. */
export const lazyParts = [
  { name: 'mail rendering (React Email, react-dom/static)', entry: 'worker/modules/mail/templates/renderer.ts' },
  { name: 'WebAuthn (@simplewebauthn/server)', entry: 'worker/modules/mfa/webauthn.ts' },
  { name: 'Stripe SDK', entry: 'package:stripe' },
  { name: 'Upstash rate limiter (RATE_LIMIT_BACKEND=upstash)', entry: 'worker/adapters/ratelimit/upstash-client.ts' },
  { name: 'CSV import parser (papaparse)', entry: 'worker/modules/projects/csv-parser.ts' },
] as const;

/**
 * A module's API routers, loaded and built on the first request under their paths (docs/decisions/069, 075): timed as
 * that request's wall time beyond the same isolate's request to a path under no module's routes.
 */
export const firstRequests = [
  { name: "a module's API routes (webhooks), loaded and built on the first request under their paths", path: '/api/v1/w/demo/webhooks' },
] as const;

const probeScript = `
let appImported = false;
export default {
  async fetch(request) {
    const url = new URL(request.url);
    const start = performance.now();
    if (url.pathname === '/route') {
      // No bindings: the request ends in the chain's configuration error, the same for both paths.
      const worker = (await import('./app.js')).default;
      const context = { waitUntil() {}, passThroughOnException() {}, props: {} };
      const timed = async (path) => {
        const begin = performance.now();
        await worker.fetch(new Request('http://probe' + path, { headers: { 'cf-connecting-ip': '192.0.2.1' } }), {}, context);
        return performance.now() - begin;
      };
      await timed('/api/v1/no-such-route');
      const unrelated = await timed('/api/v1/no-such-route');
      return Response.json({ ms: (await timed(url.searchParams.get('path'))) - unrelated });
    }
    if (url.pathname === '/startup') {
      if (appImported) return Response.json({ error: 'already imported' }, { status: 409 });
      appImported = true;
      await import('./app.js');
    } else if (url.pathname === '/part') {
      await import('./' + url.searchParams.get('file'));
    } else {
      return new Response('probe');
    }
    return Response.json({ ms: performance.now() - start });
  },
};`;

/** The modules of a bundle's folder as Miniflare takes them, but for the probe beside them. */
export const bundleModules = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /\.(m?js|txt|wasm)$/.test(f) && f !== 'probe.js')
    .map((f) => ({
      type: f.endsWith('.wasm') ? ('CompiledWasm' as const) : f.endsWith('.txt') ? ('Text' as const) : ('ESModule' as const),
      path: join(dir, f),
    }));

/** The Miniflare that wrangler itself runs, with the same workerd as `wrangler dev`. */
export async function wranglersMiniflare(): Promise<typeof import('miniflare')> {
  const wranglerRequire = createRequire(createRequire(import.meta.url).resolve('wrangler/package.json'));
  return (await import(pathToFileURL(wranglerRequire.resolve('miniflare')).href)) as typeof import('miniflare');
}

export interface StartupResult {
  evalMs: number[];
  firstUse: Array<{ name: string; bytes: number; ms: number[] }>;
  firstRequests: Array<{ name: string; ms: number[] }>;
}

/**
 * `samples` cold isolates each evaluate the bundle once; then, per lazy part, `samples` isolates that
 * have evaluated it import the part once.
 */
export async function coldStarts(
  bundlePath: string,
  workDir: string,
  compat: { date: string; flags: string[] },
  samples = 5,
): Promise<StartupResult> {
  mkdirSync(workDir, { recursive: true });
  writeFileSync(join(workDir, 'probe.js'), probeScript);
  copyFileSync(bundlePath, join(workDir, 'app.js'));
  const besideBundle = readdirSync(dirname(bundlePath)).filter((f) => join(dirname(bundlePath), f) !== bundlePath);
  for (const file of besideBundle) if (/\.(m?js|txt|wasm)$/.test(file)) copyFileSync(join(dirname(bundlePath), file), join(workDir, file));
  const parts = [];
  // A module deleted from the app (the sample module, say) takes its lazily loaded part with it.
  const present = lazyParts.filter((part) => part.entry.startsWith('package:') || existsSync(join(root, part.entry)));
  for (const [i, part] of present.entries()) {
    const file = `part-${i}.js`;
    const packageName = part.entry.startsWith('package:') ? part.entry.slice('package:'.length) : null;
    await build({
      ...(packageName
        ? { stdin: { contents: `export { default } from '${packageName}';`, resolveDir: root, loader: 'js' as const } }
        : { entryPoints: [join(root, part.entry)] }),
      outfile: join(workDir, file),
      bundle: true,
      format: 'esm',
      // As wrangler builds: esbuild's browser platform (a package's `browser` field counts), its conditions.
      platform: 'browser',
      conditions: ['workerd', 'worker', 'browser'],
      external: ['node:*', 'cloudflare:*'],
      logLevel: 'silent',
    });
    parts.push({ ...part, file, bytes: readFileSync(join(workDir, file)).length });
  }
  const modules = bundleModules(workDir);
  const { Miniflare, NoOpLog, convertV4MiniflareOptions } = await wranglersMiniflare();
  const isolates = samples * (1 + parts.length + firstRequests.length);
  const worker = (n: number) => ({
    name: `probe-${n}`,
    modulesRoot: workDir,
    modules: [{ type: 'ESModule' as const, path: join(workDir, 'probe.js') }, ...modules],
    compatibilityDate: compat.date,
    compatibilityFlags: compat.flags,
  });
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      log: new NoOpLog(),
      // The probed requests end in the app's configuration error, which it logs: not the bench's output.
      handleStructuredLogs: () => {},
      workers: Array.from({ length: isolates }, (_, n) => worker(n)),
    } as never),
  );
  try {
    await mf.ready;
    const ask = async (n: number, path: string) => {
      const fetcher = (await mf.getWorker(`probe-${n}`)) as unknown as { fetch(url: string): Promise<Response> };
      const answer = await fetcher.fetch(`http://probe${path}`);
      const body = (await answer.json()) as { ms?: number; error?: string };
      if (!answer.ok || body.ms === undefined) throw new Error(`probe ${path}: ${answer.status} ${JSON.stringify(body)}`);
      return body.ms;
    };
    const evalMs: number[] = [];
    for (let n = 0; n < samples; n++) evalMs.push(await ask(n, '/startup'));
    const firstUse = [];
    for (const [p, part] of parts.entries()) {
      const ms: number[] = [];
      for (let s = 0; s < samples; s++) {
        const n = samples * (1 + p) + s;
        await ask(n, '/startup');
        ms.push(await ask(n, `/part?file=${part.file}`));
      }
      firstUse.push({ name: part.name, bytes: part.bytes, ms });
    }
    const requests = [];
    for (const [r, probe] of firstRequests.entries()) {
      const ms: number[] = [];
      for (let s = 0; s < samples; s++)
        ms.push(await ask(samples * (1 + parts.length + r) + s, `/route?path=${encodeURIComponent(probe.path)}`));
      requests.push({ name: probe.name, ms });
    }
    return { evalMs, firstUse, firstRequests: requests };
  } finally {
    await mf.dispose();
  }
}

const compileScript = `
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
const sources = JSON.parse(process.argv[1]).map((path) => readFileSync(path, 'utf8'));
const ms = [];
for (let i = 0; i < Number(process.argv[2]); i++) {
  const start = performance.now();
  for (const [m, source] of sources.entries()) new vm.SourceTextModule(source + '\\n// ' + i, { identifier: 'module-' + m + '-' + i });
  ms.push(performance.now() - start);
}
console.log(JSON.stringify(ms));`;

/**
 * V8's compile of the modules a cold isolate loads before its first request (the main one and the
 * chunks it imports statically), which it pays before evaluating them: workerd compiles a worker's
 * modules as it loads them, outside the first evaluation `coldStarts` times, so it is measured here
 * with the same engine in Node (each sample a distinct source, so nothing is served from a cache).
 */
export function compileMs(modulePaths: string[], samples = 5): number[] {
  const run = spawnSync(
    process.execPath,
    [
      '--experimental-vm-modules',
      '--no-warnings',
      '--input-type=module',
      '-e',
      compileScript,
      JSON.stringify(modulePaths),
      String(samples),
    ],
    {
      encoding: 'utf8',
    },
  );
  if (run.status !== 0) throw new Error(`compiling ${modulePaths.join(', ')} in V8 failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as number[];
}
