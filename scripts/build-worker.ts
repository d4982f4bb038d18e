/**
 * The deployed Worker's build: the bundle wrangler would make, split into chunks, so that code only
 * a module's routes reach (their schemas, services and libraries) is a module of its own, loaded by
 * the `import()` in its manifest on the first request under its paths instead of in every cold
 * isolate (docs/decisions/075-route-chunks.md). wrangler bundles into one file, so the deployed
 * environments name this script as their custom build (wrangler.toml) and upload its output as is.
 *
 *   node scripts/build-worker.ts --env production [--outdir dist/worker] [--no-minify]
 *
 * It builds as wrangler's bundler does (its conditions, target, JSX loader for .js, the NODE_ENV
 * define, the environment's `define`, the top level's `alias`); text files become Text modules beside
 * the chunks. Minified, names too (docs/decisions/066-minified-deploys.md, 068); `--no-minify` keeps
 * the code readable for profiles, still without kept names, as deployed. esbuild's metafile goes to
 * `<outdir>.meta.json` (`npm run check:budgets` and the bench read what the entry loads eagerly there).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, type Plugin } from 'esbuild';
import { unstable_readConfig } from 'wrangler';

const root = join(import.meta.dirname, '..');
export const defaultOutdir = join(root, 'dist/worker');

export interface WorkerBuildOptions {
  env: string;
  outdir?: string;
  /** false: readable code (for profiles); names are not kept either way. */
  minify?: boolean;
}

/** esbuild's metafile of a build, written beside its output folder (not in it: wrangler uploads that folder). */
export const metafileOf = (outdir: string) => `${resolve(outdir)}.meta.json`;

export async function buildWorker(options: WorkerBuildOptions): Promise<{ outdir: string }> {
  const configPath = join(root, 'wrangler.toml');
  const config = unstable_readConfig({ config: configPath, env: options.env }, { hideWarnings: true });
  const outdir = resolve(options.outdir ?? defaultOutdir);
  rmSync(outdir, { recursive: true, force: true });
  const nodeEnv = JSON.stringify(process.env.NODE_ENV || 'production');
  const result = await build({
    // The top level's entry: an environment's own `main` is this build's output.
    entryPoints: [unstable_readConfig({ config: configPath }, { hideWarnings: true }).main ?? 'worker/index.ts'],
    absWorkingDir: dirname(configPath),
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir,
    entryNames: 'index',
    chunkNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    target: 'es2024',
    supported: { 'import-source': true, using: true },
    conditions: ['workerd', 'worker', 'browser'],
    loader: { '.js': 'jsx', '.mjs': 'jsx', '.cjs': 'jsx', '.txt': 'copy' },
    external: ['cloudflare:*', 'node:*'],
    minify: options.minify ?? true,
    keepNames: false,
    sourcemap: true,
    metafile: true,
    define: {
      'process.env.NODE_ENV': nodeEnv,
      'global.process.env.NODE_ENV': nodeEnv,
      'globalThis.process.env.NODE_ENV': nodeEnv,
      ...config.define,
    },
    plugins: [aliases(config.alias ?? {}, dirname(configPath)), withoutUncalledRenderers],
    logLevel: 'warning',
  });
  writeFileSync(metafileOf(outdir), JSON.stringify(result.metafile));
  return { outdir };
}

/** wrangler's `alias`: an import written exactly as a key resolves to its value, from the project's root. */
function aliases(alias: Record<string, string>, projectRoot: string): Plugin {
  const keys = Object.keys(alias);
  return {
    name: 'wrangler-alias',
    setup(esbuild) {
      if (keys.length === 0) return;
      const filter = new RegExp(`^(?:${keys.map((key) => key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);
      const requireFromRoot = createRequire(join(projectRoot, 'package.json'));
      esbuild.onResolve({ filter }, (args) => ({ path: requireFromRoot.resolve(alias[args.path] ?? args.path) }));
    },
  };
}

/**
 * The mail renderer imports React Email's `toPlainText`, and renders with `react-dom/static.edge`
 * (ADR 028). The package's `render`, never called, loads prettier and react-dom/server with
 * `import()`: a single-file bundle drops them with the function, but esbuild makes every `import()`
 * a chunk before it drops dead code, which would upload about 350 KiB no request ever loads. Here
 * they resolve to a module that fails to load, with a message that says why.
 */
const uncalledRendererImports = /^(?:prettier\/standalone|prettier\/plugins\/html|react-dom\/server(?:\.edge)?)$/;
const withoutUncalledRenderers: Plugin = {
  name: 'without-uncalled-renderers',
  setup(esbuild) {
    esbuild.onResolve({ filter: uncalledRendererImports }, (args) =>
      args.kind === 'dynamic-import' && args.importer.includes('/@react-email/render/')
        ? { path: args.path, namespace: 'not-in-the-worker' }
        : undefined,
    );
    esbuild.onLoad({ filter: /.*/, namespace: 'not-in-the-worker' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is not part of the Worker's build (scripts/build-worker.ts): render mail with worker/modules/mail/templates/renderer.ts`)});`,
      loader: 'js',
    }));
  },
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      env: { type: 'string' },
      outdir: { type: 'string' },
      'no-minify': { type: 'boolean' },
    },
  });
  if (!values.env) {
    console.error('usage: node scripts/build-worker.ts --env <environment> [--outdir dir] [--no-minify]');
    process.exit(2);
  }
  await buildWorker({ env: values.env, outdir: values.outdir, minify: !values['no-minify'] });
}
