import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWorker, metafileOf } from './build-worker.ts';
import { eagerBytes, type Metafile, outputsLoadedAtStartUp, readMetafile } from './bundle-size.ts';

let outdir = '';
let meta: Metafile;

beforeAll(async () => {
  outdir = join(await mkdtemp(join(tmpdir(), 'worker-build-')), 'worker');
  await buildWorker({ env: 'production', outdir });
  meta = readMetafile(metafileOf(outdir));
}, 60_000);

const loadedAtStartUp = () => new Set(outputsLoadedAtStartUp(metafileOf(outdir)));

describe('the deploy build (scripts/build-worker.ts)', () => {
  it('loads no module’s API routes at start-up: each route file is a module of its own, loaded by its manifest’s import()', () => {
    const lazyRouteFiles = Object.entries(meta.inputs).flatMap(([file, input]) =>
      file.endsWith('.module.ts')
        ? input.imports.filter((edge) => edge.kind === 'dynamic-import' && edge.path.endsWith('.routes.ts')).map((edge) => edge.path)
        : [],
    );
    expect(lazyRouteFiles.length).toBeGreaterThan(20);
    const eagerInputs = new Set([...loadedAtStartUp()].flatMap((output) => Object.keys(meta.outputs[output]?.inputs ?? {})));
    expect(lazyRouteFiles.filter((file) => eagerInputs.has(file))).toEqual([]);
    const entryPoints = new Set(Object.values(meta.outputs).flatMap((output) => (output.entryPoint ? [output.entryPoint] : [])));
    expect(lazyRouteFiles.filter((file) => !entryPoints.has(file))).toEqual([]);
  });

  it('loads no queue consumer, cron trigger, event consumer handler or job a request never enqueues at start-up', () => {
    const eagerInputs = new Set([...loadedAtStartUp()].flatMap((output) => Object.keys(meta.outputs[output]?.inputs ?? {})));
    const background = [
      'queues/consumer.ts',
      'queues/cron.ts',
      'worker/modules/webhooks/webhook-fan-out.ts',
      'worker/modules/webhooks/owner-notices.consumer.ts',
      'worker/modules/webhooks/deliver.job.ts',
      'worker/modules/notifications/member-notices.consumer.ts',
      'worker/modules/notifications/workspace-notices.consumer.ts',
      'worker/modules/notifications/digest.job.ts',
      'worker/modules/billing/billing-events.consumer.ts',
      'worker/modules/billing/seats.consumer.ts',
      'worker/modules/billing/dunning.jobs.ts',
      'worker/modules/realtime/realtime.consumer.ts',
      'worker/modules/projects/projects-import.job.ts',
      'worker/modules/workspaces/workspace-purge.job.ts',
    ];
    // The sample module may have been removed (npm run check:removable); the rest must be in the build.
    const present = background.filter((file) => existsSync(new URL(`../${file}`, import.meta.url)));
    expect(present.length).toBeGreaterThan(10);
    expect(present.filter((file) => !(file in meta.inputs))).toEqual([]);
    expect(present.filter((file) => eagerInputs.has(file))).toEqual([]);
  });

  it('counts as eager what the entry loads, a fraction of the whole', () => {
    const { eager, total } = eagerBytes(metafileOf(outdir));
    const loadedBytes = [...loadedAtStartUp()].reduce(
      (sum, output) => sum + Object.values(meta.outputs[output]?.inputs ?? {}).reduce<number>((n, input) => n + input.bytesInOutput, 0),
      0,
    );
    expect(eager).toBe(loadedBytes);
    expect(eager).toBeLessThan(total / 2);
  });

  it('is minified, uploads no renderer the mail templates never call, and keeps the common-password list a text module', () => {
    const files = readdirSync(outdir);
    const everything = files.filter((file) => file.endsWith('.js')).map((file) => readFileSync(join(outdir, file), 'utf8'));
    // Minified, names too: the app's own function names are gone.
    expect(everything.some((source) => source.includes('installRegisteredModules') || source.includes('servingApp'))).toBe(false);
    expect(Object.keys(meta.inputs).filter((input) => input.includes('/prettier/') || input.includes('react-dom-server-legacy'))).toEqual(
      [],
    );
    expect(files.filter((file) => file.endsWith('.txt'))).toHaveLength(1);
  });

  it('names each module’s source map beside it, as wrangler finds the maps it uploads for unbundled modules', () => {
    const modules = readdirSync(outdir).filter((file) => file.endsWith('.js'));
    expect(modules.length).toBeGreaterThan(20);
    for (const module of modules) {
      const lastLine = readFileSync(join(outdir, module), 'utf8').trimEnd().split('\n').at(-1);
      expect([module, lastLine]).toEqual([module, `//# sourceMappingURL=${module}.map`]);
      const map = JSON.parse(readFileSync(join(outdir, `${module}.map`), 'utf8')) as { version: number };
      expect([module, map.version]).toEqual([module, 3]);
    }
    const indexMap = JSON.parse(readFileSync(join(outdir, 'index.js.map'), 'utf8')) as { sources: string[] };
    expect(indexMap.sources.some((source) => source.endsWith('worker/index.ts'))).toBe(true);
  });

  it('runs in workerd: a request under a module’s paths loads its chunk and is answered by the app', async () => {
    const wranglerRequire = createRequire(createRequire(import.meta.url).resolve('wrangler/package.json'));
    const { Miniflare, convertV4MiniflareOptions } = (await import(
      pathToFileURL(wranglerRequire.resolve('miniflare')).href
    )) as typeof import('miniflare');
    const modules = readdirSync(outdir)
      .filter((file) => file.endsWith('.js') || file.endsWith('.txt'))
      .sort((a, b) => (a === 'index.js' ? -1 : b === 'index.js' ? 1 : a.localeCompare(b)))
      .map((file) => ({ type: file.endsWith('.txt') ? ('Text' as const) : ('ESModule' as const), path: join(outdir, file) }));
    const mf = new Miniflare(
      convertV4MiniflareOptions({
        modules,
        modulesRoot: outdir,
        compatibilityDate: '2026-10-01',
        compatibilityFlags: ['nodejs_compat', 'disable_nodejs_process_v2'],
        bindings: { APP_ENV: 'production' },
      } as never),
    );
    try {
      // Without its bindings the app answers with its configuration error, in the error envelope:
      // the request reached the chain, after its router's chunk was loaded.
      for (const path of ['/api/v1/w/acme/webhooks', '/api/v1/me/sessions', '/api/v1/no-such-route']) {
        const response = await mf.dispatchFetch(`http://localhost${path}`, { headers: { 'cf-connecting-ip': '192.0.2.1' } });
        const body = (await response.json()) as { error?: { code?: string } };
        expect([path, typeof body.error?.code]).toEqual([path, 'string']);
      }
    } finally {
      await mf.dispose();
    }
  }, 60_000);
});
