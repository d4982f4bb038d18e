/**
 * The deploy bundle: `wrangler deploy --dry-run` of the app's own wrangler.toml, as deployed (the
 * production environment) and minified, with sizes raw and gzipped.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildWeb, root, spawnGroup } from '../../scripts/stack.ts';
import { wranglerBin } from './servers.ts';

export interface BundleBuild {
  /** The worker's main module in the output folder. */
  mainPath: string;
  /** Size of the main module, bytes. */
  bytes: number;
  /** Size of the main module gzipped here with node:zlib (level 9), bytes. */
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
 * environments (its own settings, such as `minify` and `keep_names`, apply); `minify`: overrides the
 * environment's own setting either way (unset: as configured).
 */
export async function dryRunBundle(
  outdir: string,
  { minify, config, env }: { minify?: boolean; config?: string; env?: string } = {},
): Promise<BundleBuild> {
  const proc = spawnGroup(
    wranglerBin,
    [
      'deploy',
      '--dry-run',
      '--outdir',
      outdir,
      '--metafile',
      join(outdir, '..', `${basename(outdir)}.meta.json`),
      ...(minify === undefined ? [] : [minify ? '--minify' : '--no-minify']),
      ...(config ? ['--config', config] : []),
      ...(env ? ['--env', env] : []),
    ],
    { quiet: true, label: 'wrangler deploy --dry-run' },
  );
  const code = await proc.exited;
  await proc.stop();
  const output = proc.output();
  if (code !== 0) throw new Error(`wrangler deploy --dry-run failed (exit ${code}):\n${output}`);

  const modules = readdirSync(outdir).filter((f) => /\.(m?js|wasm)$/.test(f));
  const main = modules.find((f) => f === 'index.js') ?? modules.find((f) => f.endsWith('.js'));
  if (!main) throw new Error(`no worker module in ${outdir}: ${readdirSync(outdir).join(', ')}`);
  const mainPath = join(outdir, main);
  const source = readFileSync(mainPath);
  const upload = /Total Upload:\s*([\d.]+)\s*KiB\s*\/\s*gzip:\s*([\d.]+)\s*KiB/.exec(output);
  const startup = /Worker Startup Time:\s*([\d.]+)\s*ms/.exec(output);
  return {
    mainPath,
    bytes: source.length,
    gzipBytes: gzipSync(source, { level: 9 }).length,
    totalBytes: modules.reduce((sum, f) => sum + readFileSync(join(outdir, f)).length, 0),
    wranglerTotalUploadKiB: upload ? Number(upload[1]) : null,
    wranglerGzipKiB: upload ? Number(upload[2]) : null,
    wranglerStartupMs: startup ? Number(startup[1]) : null,
    metafilePath: join(outdir, '..', `${basename(outdir)}.meta.json`),
  };
}
