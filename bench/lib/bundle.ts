/**
 * The deploy bundle: `wrangler deploy --dry-run` of the app's own wrangler.toml, as deployed (the
 * production environment, built by scripts/build-worker.ts into an entry and the chunks it loads
 * eagerly or on first use) and minified, with sizes raw and gzipped.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildWorker, metafileOf } from '../../scripts/build-worker.ts';
import { outputsLoadedAtStartUp } from '../../scripts/bundle-size.ts';
import { buildWeb, root, spawnGroup } from '../../scripts/stack.ts';
import { wranglerBin } from './servers.ts';

export interface BundleBuild {
  /** The worker's main module in the output folder. */
  mainPath: string;
  /** Every JavaScript module of the output by the name workerd gives it (`index.js`, `chunk-….js`): for source maps. */
  scripts: Record<string, string>;
  /** The JavaScript modules an isolate loads before its first request: the main one and what it imports statically. */
  eagerModules: string[];
  /** Size of every JavaScript module, bytes. */
  bytes: number;
  /** Size of every JavaScript module, each gzipped here with node:zlib (level 9), bytes. */
  gzipBytes: number;
  /** Every module in the output (source maps excluded), bytes. */
  totalBytes: number;
  /** wrangler's own line, when it prints one: "Total Upload: X KiB / gzip: Y KiB". */
  wranglerTotalUploadKiB: number | null;
  wranglerGzipKiB: number | null;
  /** "Worker Startup Time: N ms", printed by some wrangler versions. */
  wranglerStartupMs: number | null;
  /** esbuild's metafile of the build (inputs, imports, bytes per input in the output). */
  metafilePath: string;
}

/** The web app must be built for wrangler to read its assets folder. */
export async function ensureWebBuilt(): Promise<boolean> {
  if (existsSync(join(root, 'web/dist/index.html'))) return false;
  await buildWeb({ quiet: true });
  return true;
}

/**
 * The production environment's bundle (its names not kept: no `__name` call per closure a request
 * creates), not minified, so that a profile names functions as the source does.
 */
export const readableAsDeployed = { env: 'production', minify: false } as const;

/**
 * `config`: a wrangler.toml relative to the repository (default: the app's own); `env`: one of its
 * environments; `minify`: overrides the configured setting either way (unset: as configured). The
 * app's environments are built by scripts/build-worker.ts (minified unless `minify: false`) into
 * `outdir`, where their source maps resolve; wrangler's dry run then reports the upload.
 */
export async function dryRunBundle(
  outdir: string,
  { minify, config, env }: { minify?: boolean; config?: string; env?: string } = {},
): Promise<BundleBuild> {
  if (env && !config) {
    await buildWorker({ env, outdir, minify: minify ?? true });
    // The dry run builds again, into the environment's own output, and copies it without the maps.
    const upload = minify === false ? '' : await wranglerDryRun(`${outdir}-upload`, ['--env', env]);
    return measured(outdir, upload, metafileOf(outdir));
  }
  const metafilePath = join(outdir, '..', `${basename(outdir)}.meta.json`);
  const output = await wranglerDryRun(outdir, [
    '--metafile',
    metafilePath,
    ...(minify === undefined ? [] : [minify ? '--minify' : '--no-minify']),
    ...(config ? ['--config', config] : []),
    ...(env ? ['--env', env] : []),
  ]);
  return measured(outdir, output, metafilePath);
}

/** `wrangler deploy --dry-run --outdir <outdir> …`: its output. */
async function wranglerDryRun(outdir: string, args: string[]): Promise<string> {
  const proc = spawnGroup(wranglerBin, ['deploy', '--dry-run', '--outdir', outdir, ...args], {
    quiet: true,
    label: 'wrangler deploy --dry-run',
  });
  const code = await proc.exited;
  await proc.stop();
  const output = proc.output();
  if (code !== 0) throw new Error(`wrangler deploy --dry-run failed (exit ${code}):\n${output}`);
  return output;
}

function measured(outdir: string, output: string, metafilePath: string): BundleBuild {
  const modules = readdirSync(outdir).filter((f) => /\.(m?js|wasm)$/.test(f));
  const main = modules.find((f) => f === 'index.js') ?? modules.find((f) => f.endsWith('.js'));
  if (!main) throw new Error(`no worker module in ${outdir}: ${readdirSync(outdir).join(', ')}`);
  const mainPath = join(outdir, main);
  const scripts = modules.filter((f) => f.endsWith('.js'));
  const sources = scripts.map((f) => readFileSync(join(outdir, f)));
  const upload = /Total Upload:\s*([\d.]+)\s*KiB\s*\/\s*gzip:\s*([\d.]+)\s*KiB/.exec(output);
  const startup = /Worker Startup Time:\s*([\d.]+)\s*ms/.exec(output);
  return {
    mainPath,
    scripts: scriptsOf(mainPath),
    eagerModules: staticallyLoaded(metafilePath, main).map((f) => join(outdir, f)),
    bytes: sources.reduce((sum, source) => sum + source.length, 0),
    gzipBytes: sources.reduce((sum, source) => sum + gzipSync(source, { level: 9 }).length, 0),
    totalBytes: modules.reduce((sum, f) => sum + readFileSync(join(outdir, f)).length, 0),
    wranglerTotalUploadKiB: upload ? Number(upload[1]) : null,
    wranglerGzipKiB: upload ? Number(upload[2]) : null,
    wranglerStartupMs: startup ? Number(startup[1]) : null,
    metafilePath,
  };
}

/** Every JavaScript module beside a bundle's main one, by the name workerd gives it (`index.js`, `chunk-….js`): for source maps. */
export function scriptsOf(mainPath: string): Record<string, string> {
  const dir = dirname(mainPath);
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.js'))
      .map((f) => [f, join(dir, f)]),
  );
}

/** The main module and the outputs it imports statically, transitively, by file name (from the build's metafile). */
const staticallyLoaded = (metafilePath: string, main: string): string[] =>
  existsSync(metafilePath) ? outputsLoadedAtStartUp(metafilePath).map((path) => basename(path)) : [main];
