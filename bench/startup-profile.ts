/**
 * Where start-up goes: V8's CPU profile of the deploy bundle's first evaluation inside workerd, in
 * several cold isolates, summed by source file (through the source maps of a build that is not
 * minified) and by origin, with the runtime's own modules (`node-internal:*`) charged to the code
 * outside them that loaded them. Self time: what ran in a file's own code, not what it called.
 * The profiler slows the isolate: read shares, not absolute times (the bench's start-up line is
 * measured without it).
 *
 *   node bench/startup-profile.ts [--isolates 8] [--top 40]
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { root } from '../scripts/stack.ts';
import { dryRunBundle, readableAsDeployed } from './lib/bundle.ts';
import { CdpSession, type CpuProfile, listTargets, originOf, type ProfileNode, SourceResolver, typicalGap } from './lib/inspector.ts';
import { freePorts, rootCompatibility } from './lib/servers.ts';
import { bundleModules, wranglersMiniflare } from './lib/startup.ts';

const { values } = parseArgs({ options: { isolates: { type: 'string', default: '8' }, top: { type: 'string', default: '40' } } });
const isolates = Number(values.isolates);
const intervalUs = 100;

const probe = `export default { async fetch() { const start = performance.now(); await import('./index.js'); return Response.json({ ms: performance.now() - start }); } };`;

const dir = mkdtempSync(join(tmpdir(), 'startup-profile-'));
const bundle = await dryRunBundle(join(dir, 'bundle'), readableAsDeployed);
const bundleDir = join(dir, 'bundle');
writeFileSync(join(bundleDir, 'probe.js'), probe);
const modules = bundleModules(bundleDir);

const resolver = new SourceResolver(root);
for (const [name, path] of Object.entries(bundle.scripts)) resolver.addScript(name, path);

/**
 * Where a sample ran. A frame's position is where its function starts, which for a module's
 * top-level code is the start of its chunk; the node's line ticks say which lines ran, so the
 * samples go to the source file of the line that ticked most.
 */
function placeOf(node: ProfileNode): string {
  const { url, lineNumber, columnNumber, functionName } = node.callFrame;
  if (!url) return functionName || '(native)';
  const busiest = (node.positionTicks ?? []).reduce<{ line: number; ticks: number } | null>(
    (best, t) => (!best || t.ticks > best.ticks ? t : best),
    null,
  );
  const resolved = busiest ? resolver.resolve(url, busiest.line - 1, 0) : resolver.resolve(url, lineNumber, columnNumber);
  if (!resolved) return `${url} (unmapped)`;
  return functionName ? resolved.file : `${resolved.file} (top level)`;
}

const selfUs = new Map<string, number>();
const runtimeModulesBy = new Map<string, number>();
const wallMs: number[] = [];
let busyUs = 0;

function add(profile: CpuProfile) {
  const gap = typicalGap(profile.timeDeltas, intervalUs);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  /** The first frame above `id` outside the runtime's own modules, as file:line. */
  const loadedBy = (id: number): string => {
    for (let at = parentOf.get(id); at !== undefined; at = parentOf.get(at)) {
      const frame = (byId.get(at) as ProfileNode).callFrame;
      if (!frame.url || frame.url.startsWith('node-internal:')) continue;
      const resolved = resolver.resolve(frame.url, frame.lineNumber, frame.columnNumber);
      return resolved ? `${resolved.file}:${resolved.line}` : frame.url;
    }
    return '(the runtime)';
  };
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i] as number);
    if (!node || node.callFrame.functionName === '(idle)') continue;
    const weight = Math.min(profile.timeDeltas[i + 1] ?? gap, gap);
    busyUs += weight;
    const where = placeOf(node);
    selfUs.set(where, (selfUs.get(where) ?? 0) + weight);
    if (where.startsWith('node-internal:')) {
      const by = loadedBy(node.id);
      runtimeModulesBy.set(by, (runtimeModulesBy.get(by) ?? 0) + weight);
    }
  }
}

const { Miniflare, NoOpLog, convertV4MiniflareOptions } = await wranglersMiniflare();
const [inspectorPort] = await freePorts(1);
const compat = rootCompatibility();
const mf = new Miniflare(
  convertV4MiniflareOptions({
    log: new NoOpLog(),
    inspectorPort,
    workers: Array.from({ length: isolates }, (_, n) => ({
      name: `cold-${n}`,
      modulesRoot: bundleDir,
      modules: [{ type: 'ESModule' as const, path: join(bundleDir, 'probe.js') }, ...modules],
      compatibilityDate: compat.date,
      compatibilityFlags: compat.flags,
    })),
  } as never),
);
try {
  await mf.ready;
  const targets = (await listTargets(inspectorPort as number)) ?? [];
  for (let n = 0; n < isolates; n++) {
    const target = targets.find((t) => t.id === `core:user:cold-${n}`);
    if (!target) throw new Error(`no inspector target for cold-${n}: ${targets.map((t) => t.id).join(', ')}`);
    const session = await CdpSession.connect(target.webSocketDebuggerUrl);
    try {
      await session.send('Profiler.enable');
      await session.send('Profiler.setSamplingInterval', { interval: intervalUs });
      await session.send('Profiler.start');
      const worker = (await mf.getWorker(`cold-${n}`)) as unknown as { fetch(url: string): Promise<Response> };
      wallMs.push(((await (await worker.fetch('http://probe/')).json()) as { ms: number }).ms);
      add((await session.send<{ profile: CpuProfile }>('Profiler.stop')).profile);
    } finally {
      session.close();
    }
  }
} finally {
  await mf.dispose();
}

const perIsolate = (us: number) => (us / 1000 / isolates).toFixed(2);
const descending = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
const byOrigin = new Map<string, number>();
for (const [place, us] of selfUs) {
  const origin = place.startsWith('(') || place.includes('(unmapped)') ? place : originOf(place.replace(' (top level)', ''), root);
  byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + us);
}
const table = (title: string, rows: [string, number][]) =>
  [`\n| ${title} | ms per isolate |`, '|---|---:|', ...rows.map(([name, us]) => `| ${name} | ${perIsolate(us)} |`)].join('\n');

console.log(
  `First evaluation of the deploy bundle (not minified) in ${isolates} cold isolates, profiled: wall ${wallMs.map((v) => v.toFixed(0)).join(', ')} ms; sampled ${perIsolate(busyUs)} ms per isolate. Compatibility: ${compat.date}, ${compat.flags.join(', ')}.`,
);
console.log(table('origin', descending(byOrigin).slice(0, Number(values.top))));
console.log(table('file', descending(selfUs).slice(0, Number(values.top))));
console.log(table("the runtime's own modules, by the code that loaded them", descending(runtimeModulesBy).slice(0, 10)));
