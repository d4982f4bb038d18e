import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { markdown, type Results } from './report.ts';
import { webFirstLoad } from './web-first-load.ts';

function build(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'web-first-load-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const gz = (text: string) => gzipSync(text, { level: 9 }).length;

describe('web first load', () => {
  const entry = 'import{a as r}from"./react-1.js";import"./boot-2.js";const p=()=>import("./settings-3.js");export{r,p};';
  const react = 'export const a=1;'.repeat(20);
  const boot = 'console.log("boot")';
  const preloaded = 'export const shared=2;';
  const dist = build({
    'index.html':
      '<!doctype html><script type="module" crossorigin src="/assets/index-0.js"></script><link rel="modulepreload" crossorigin href="/assets/shared-4.js"><link rel="stylesheet" href="/assets/index.css">',
    'assets/index-0.js': entry,
    'assets/react-1.js': react,
    'assets/boot-2.js': boot,
    'assets/settings-3.js': 'export default "a lazy route";'.repeat(200),
    'assets/shared-4.js': preloaded,
    'assets/index.css': 'body{margin:0}',
    'api-reference/scalar.js': 'window.Scalar={}'.repeat(500),
  });

  it("counts index.html's scripts, its module preloads and their static imports, gzipped one by one", () => {
    const load = webFirstLoad(dist);
    expect(load.files.sort()).toEqual(['assets/boot-2.js', 'assets/index-0.js', 'assets/react-1.js', 'assets/shared-4.js']);
    expect(load.bytes).toBe(entry.length + react.length + boot.length + preloaded.length);
    expect(load.gzipBytes).toBe(gz(entry) + gz(react) + gz(boot) + gz(preloaded));
  });

  it('leaves out lazy routes, stylesheets and assets index.html does not load (the API reference renderer)', () => {
    const { files } = webFirstLoad(dist);
    expect(files).not.toContain('assets/settings-3.js');
    expect(files).not.toContain('assets/index.css');
    expect(files).not.toContain('api-reference/scalar.js');
  });
});

describe('bench report', () => {
  const results = (webFirstLoad: Results['webFirstLoad'], heap: Results['heap'] = null): Results => ({
    date: '2026-12-06T00:00:00.000Z',
    git: { commit: 'abc', dirty: false },
    versions: { node: 'v22', workerd: '1', wrangler: '4', hono: '4' },
    settings: {
      concurrency: 1,
      warmupMs: 0,
      durationMs: 0,
      rounds: 0,
      roundWarmupMs: 0,
      roundTripRequests: 0,
      logins: 0,
      kdfHashes: 0,
      seededProjects: 0,
      clockTicksPerSecond: 100,
    },
    scenarios: [],
    kdf: null,
    login: null,
    bindingCalls: null,
    bundle: null,
    webFirstLoad,
    startup: {
      wranglerReportedMs: null,
      moduleEvalMs: null,
      moduleEvalSamplesMs: [],
      firstUse: [],
      moduleEvalCpuMs: null,
      compileSamplesMs: [],
      stackStartMs: null,
      baselineWranglerStartMs: null,
    },
    heap,
    openLoop: null,
    notMeasured: [],
    targets: [],
  });

  it("reports the web app's first-load JavaScript gzip on its own line", () => {
    const lines = markdown(results({ files: ['assets/index-0.js', 'assets/react-1.js'], bytes: 493_213, gzipBytes: 144_714 })).split('\n');
    expect(lines).toContain(
      '- **Web app first load** (JavaScript that web/dist/index.html loads before any lazy route, 2 files): 481.7 KiB, gzip 141.3 KiB (budget 200 KB gzip)',
    );
  });

  it("reports the app isolate's heap after the first requests and after all of them", () => {
    const heap = { firstRequests: 2_000, totalRequests: 20_000, afterFirstBytes: 4_194_304, afterAllBytes: 4_300_800, errors: 0 };
    const lines = markdown(results(null, heap)).split('\n');
    expect(lines).toContain(
      "- **Heap of the app isolate** (Miniflare, (c-mf) lists, 1 at a time; V8's used heap right after the full collection a heap snapshot starts with): 4096.0 KiB after 2,000 requests, 4200.0 KiB after 20,000; 0 errors",
    );
  });
});
