/**
 * `node bench/allocation.ts [b|c|d …]`: what the app's isolate allocates per request, by function
 * and by origin, from V8's sampling heap profiler (objects later collected included), over the
 * production bundle (not minified) under Miniflare. Garbage is what makes the tail of the request-by-request CPU line: every
 * young-generation collection lands on one request, so bytes per request decide how many carry one.
 *
 *   ALLOCATION_REQUESTS   sampled requests (default 400), after ALLOCATION_WARMUP (default 300)
 *   ALLOCATION_INTERVAL   bytes between samples (default 256)
 *   ALLOCATION_SURVIVORS  1: only what outlived young-generation collections (promoted, whether a
 *                         full collection frees it later or not): what makes each of them slower
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../scripts/stack.ts';
import { appRequests, prepareApp, requestFor } from './lib/app.ts';
import { startInspectableApp } from './lib/inspectable-app.ts';
import { CdpSession, fullCollection, originOf, SourceResolver } from './lib/inspector.ts';
import { drive } from './lib/profiling.ts';
import { startBenchStack } from './lib/servers.ts';
import { envNumber } from './lib/env.ts';

const settings = {
  requests: envNumber('ALLOCATION_REQUESTS', 400),
  warmup: envNumber('ALLOCATION_WARMUP', 300),
  intervalBytes: envNumber('ALLOCATION_INTERVAL', 256),
  survivorsOnly: process.env.ALLOCATION_SURVIVORS === '1',
};

interface SamplingNode {
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  selfSize: number;
  children: SamplingNode[];
}

const scenarios = process.argv.slice(2).filter((a) => ['b', 'c', 'd'].includes(a));
if (scenarios.length === 0) scenarios.push('c');

function summarize(head: SamplingNode, resolver: SourceResolver, requests: number): string {
  const byFunction = new Map<string, number>();
  const byOrigin = new Map<string, number>();
  let total = 0;
  const walk = (node: SamplingNode, caller: string) => {
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const resolved = url ? resolver.resolve(url, lineNumber, columnNumber) : null;
    const where = resolved ? `${resolved.file}:${resolved.line}` : url;
    const name = `${functionName || '(anonymous)'}${where ? ` (${where})` : caller ? ` ← ${caller}` : ''}`;
    if (node.selfSize > 0) {
      total += node.selfSize;
      byFunction.set(name, (byFunction.get(name) ?? 0) + node.selfSize);
      const origin = url ? originOf(resolved?.file ?? url, resolver.root) : 'runtime APIs (native)';
      byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + node.selfSize);
    }
    for (const child of node.children) walk(child, url ? name : caller);
  };
  walk(head, '');
  const kb = (bytes: number) => (bytes / requests / 1024).toFixed(1);
  const lines = [`${kb(total)} KiB allocated per request`, '', 'by origin (KiB/request):'];
  for (const [origin, bytes] of [...byOrigin].sort((a, b) => b[1] - a[1]).slice(0, 15)) lines.push(`  ${kb(bytes)}  ${origin}`);
  lines.push('', 'by function, self (KiB/request):');
  for (const [name, bytes] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.ALLOCATION_TOP ?? 40)))
    lines.push(`  ${kb(bytes)}  ${name}`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'allocation-'));
  const stack = await startBenchStack();
  try {
    const { bundle, mf, target } = await startInspectableApp(tmp, stack);
    try {
      const app = await prepareApp(mf.origin, 20);
      const requests = appRequests(app);
      for (const scenario of scenarios) {
        const request = requestFor(scenario, requests);
        await drive(app.url, request, settings.warmup, 1);
        const session = await CdpSession.connect(target.webSocketDebuggerUrl);
        try {
          await session.send('HeapProfiler.enable');
          await fullCollection(session);
          await session.send('HeapProfiler.startSampling', {
            samplingInterval: settings.intervalBytes,
            includeObjectsCollectedByMajorGC: true,
            includeObjectsCollectedByMinorGC: !settings.survivorsOnly,
          });
          const errors = await drive(app.url, request, settings.requests, 1);
          const { profile } = await session.send<{ profile: { head: SamplingNode } }>('HeapProfiler.stopSampling', {}, 120_000);
          await session.send('HeapProfiler.disable');
          const resolver = new SourceResolver(root);
          for (const [name, path] of Object.entries(bundle.scripts)) resolver.addScript(name, path);
          console.log(
            `\n## (${scenario}) ${settings.requests} requests${errors ? `, ${errors} not 2xx` : ''}${settings.survivorsOnly ? ', what outlived young collections only' : ''}\n`,
          );
          console.log(summarize(profile.head, resolver, settings.requests));
        } finally {
          session.close();
        }
      }
    } finally {
      await mf.stop();
    }
  } finally {
    await stack.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
