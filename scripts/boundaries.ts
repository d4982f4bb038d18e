import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** One import statement of one file: what it names and whether it brings in types only. */
export interface ImportEdge {
  from: string;
  specifier: string;
  /** Repo-relative path of the imported file, or null for a package. */
  target: string | null;
  typeOnly: boolean;
}

const importPattern = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;

export function importsOf(file: string, source: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const match of source.matchAll(importPattern)) {
    const specifier = match[3] ?? '';
    const target = specifier.startsWith('.') ? relative('.', resolve(dirname(file), specifier)).replaceAll('\\', '/') : null;
    edges.push({ from: file, specifier, target, typeOnly: Boolean(match[2]) });
  }
  return edges;
}

/**
 * Kernel files the web app may also run as values, so both sides share one implementation of a
 * security check or rule (the redirect check, the permission table). Each may import types only (a
 * rule below), so it can never pull worker code into the browser bundle. The modules' permissions
 * files, which the web app reads by glob, are plain data held to the same rule, and so are the
 * billing plans, which the web app and the marketing site's pricing page render.
 */
export const sharedWithWeb = new Set([
  'worker/kernel/redirect.ts',
  'worker/kernel/permissions.ts',
  'worker/modules/billing/billing.plans.ts',
  'worker/kernel/slug.ts',
  'worker/kernel/actor.ts',
]);
const sharedAsData = /^worker\/modules\/[^/]+\/[^/]+\.permissions\.ts$/;

/**
 * A module's request schemas in plain zod (`<name>.input.ts`), which its routes validate with and
 * the web app's forms run before they send (docs/decisions/046-one-schema-for-form-and-route.md).
 * They import values only from `zod`, other input files and `sharedWithWeb`, so the browser gets no other worker code.
 */
const sharedInput = /^worker\/modules\/[^/]+\/[^/]+\.input\.ts$/;

const moduleOf = (path: string) => /^worker\/modules\/([^/]+)\//.exec(path)?.[1] ?? null;

/**
 * The layers of ARCHITECTURE.md (docs/decisions/008-layers.md) as rules. Each returns a message for an edge it forbids.
 *  - kernel/ imports nothing of the app
 *  - adapters/ import only the kernel (and the Durable Object types they front)
 *  - repos never import Hono; handlers never reach SQL (no repos, no drizzle-orm)
 *  - a module never imports another module's repo
 *  - web/ and marketing/ import only types from the worker
 */
export const rules: Array<(edge: ImportEdge) => string | null> = [
  (e) =>
    e.from.startsWith('worker/kernel/') && e.target && !e.target.startsWith('worker/kernel/') ? 'kernel/ must not import the app' : null,
  (e) =>
    e.from.startsWith('worker/adapters/') &&
    e.target &&
    !e.target.startsWith('worker/kernel/') &&
    !e.target.startsWith('worker/adapters/') &&
    !(e.target.startsWith('durable-objects/') && e.typeOnly)
      ? 'adapters/ may import only the kernel'
      : null,
  (e) => (/\.repo\.ts$/.test(e.from) && /^(hono|@hono\/)/.test(e.specifier) ? 'repos must not import Hono' : null),
  (e) =>
    /\.routes\.ts$/.test(e.from) &&
    (e.specifier === 'drizzle-orm' || e.specifier.startsWith('drizzle-orm/') || /\.repo\.ts$/.test(e.specifier))
      ? 'handlers must not reach SQL: go through a service'
      : null,
  (e) => {
    const own = moduleOf(e.from);
    const other = e.target ? moduleOf(e.target) : null;
    return own && other && own !== other && /\.repo\.ts$/.test(e.target ?? '')
      ? `module ${own} must not import the repo of module ${other}`
      : null;
  },
  (e) =>
    (e.from.startsWith('web/') || e.from.startsWith('marketing/')) &&
    e.target?.startsWith('worker/') &&
    !e.typeOnly &&
    !sharedWithWeb.has(e.target) &&
    !sharedInput.test(e.target)
      ? 'web/ and marketing/ may only `import type` from the worker'
      : null,
  (e) =>
    sharedInput.test(e.from) &&
    !e.typeOnly &&
    e.specifier !== 'zod' &&
    !sharedInput.test(e.target ?? '') &&
    !sharedWithWeb.has(e.target ?? '')
      ? 'an input file may import values only from zod, other input files and the kernel files shared with the web app'
      : null,
  (e) => ((sharedWithWeb.has(e.from) || sharedAsData.test(e.from)) && !e.typeOnly ? 'a file shared with web/ may import types only' : null),
  (e) => {
    const own = moduleOf(e.from);
    const other = e.target ? moduleOf(e.target) : null;
    return own && other && own !== other && /\.tables\.ts$/.test(e.target ?? '') && !e.typeOnly
      ? `module ${own} must not import the tables of module ${other} (types only; go through its service)`
      : null;
  },
  (e) => middlewareInternals(e),
  (e) => queuesIntoModules(e),
];

export function violations(edges: ImportEdge[]): string[] {
  return edges.flatMap((edge) =>
    rules.flatMap((rule) => {
      const message = rule(edge);
      return message ? [`${edge.from}: ${message} (${edge.specifier})`] : [];
    }),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts|astro)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The one file allowed to write the `app.*` settings row-level security reads. */
export const contextModule = 'worker/db/context.ts';
const contextWrite = /set_config\s*\(\s*['"]app\.|\bset\s+(?:local\s+|session\s+)?app\./i;

/** Every line outside `worker/db/context.ts` that writes an RLS context setting itself. */
export function contextWrites(file: string, source: string): string[] {
  if (file === contextModule) return [];
  return source
    .split('\n')
    .flatMap((line, index) =>
      contextWrite.test(line) ? [`${file}:${index + 1}: sets an app.* setting itself; use ${contextModule}`] : [],
    );
}

/**
 * The one way to the data (docs/decisions/033-one-way-to-the-data.md): outside `worker/db`, code
 * reaches the database only through `worker/db/gateway.ts` (tenant read, tenant write, system
 * job). It takes from `worker/db` values only from the gateway, the schema (tables), the error
 * classifiers and, for the idempotency link, its repo; anything else as types. It never touches
 * the driver handles or opens a transaction itself. Tests are free to.
 */
const dataGateway = new Set(['worker/db/gateway.ts', 'worker/db/schema.ts', 'worker/db/errors.ts', 'worker/db/idempotency.repo.ts']);
const driverUse = /\bdb\.(?:http|pool)\b|\.transaction\(/;
const boundByGateway = (file: string) =>
  /^(worker|queues|durable-objects)\//.test(file) &&
  !file.startsWith('worker/db/') &&
  !file.startsWith('worker/test/') &&
  !/\/test\//.test(file) &&
  !/\.test\.ts$/.test(file) &&
  // A module's isolation cases and bounded-job entries are fixtures of the shared security suites,
  // set up as the owner would.
  !/\.(isolation|request-jobs)\.ts$/.test(file);

/** Every way a file outside `worker/db` reaches the database around the gateway. */
export function dataAccessViolations(file: string, source: string): string[] {
  if (!boundByGateway(file)) return [];
  const imports = importsOf(file, source).flatMap((edge) =>
    edge.target?.startsWith('worker/db/') && !edge.typeOnly && !dataGateway.has(edge.target)
      ? [`${file}: reaches the database around worker/db/gateway.ts (${edge.specifier}); import types only, values from the gateway`]
      : [],
  );
  const lines = source
    .split('\n')
    .flatMap((line, index) =>
      driverUse.test(line)
        ? [`${file}:${index + 1}: uses the driver directly; go through worker/db/gateway.ts (tenant read/write, system job)`]
        : [],
    );
  return [...imports, ...lines];
}

const silentSkip = /\b(?:it|test|describe)\.(?:skip|skipIf|runIf|todo)\b|\.skip\(\s*\)/;

/** A test that does not run must say why: `ctx.skip(reason)` or `describeWith(missing, …)`. */
export function silentSkips(file: string, source: string): string[] {
  if (!/\.(test|e2e)\.ts$/.test(file)) return [];
  return source
    .split('\n')
    .flatMap((line, index) =>
      silentSkip.test(line) ? [`${file}:${index + 1}: skips a test without saying why; use ctx.skip(reason)`] : [],
    );
}

function treeFiles(roots: string[]): Array<{ file: string; source: string }> {
  return roots.flatMap((root) => {
    try {
      return sourceFiles(root).map((path) => ({ file: path.replaceAll('\\', '/'), source: readFileSync(path, 'utf8') }));
    } catch {
      return [];
    }
  });
}

export function checkTree(roots = ['worker', 'web/src', 'marketing/src', 'durable-objects', 'queues']): string[] {
  const files = treeFiles(roots);
  const edges = files.flatMap(({ file, source }) => importsOf(file, source));
  const everything = treeFiles([...roots, 'scripts', 'e2e', 'bench']);
  const context = everything.flatMap(({ file, source }) => contextWrites(file, source));
  const skips = everything.flatMap(({ file, source }) => silentSkips(file, source));
  const dataAccess = files.flatMap(({ file, source }) => dataAccessViolations(file, source));
  return [...violations(edges), ...folderCycles(edges), ...undeclaredEvents(files), ...context, ...skips, ...dataAccess];
}

const isTestFile = (path: string) =>
  /\.(test|e2e)\.ts$|\.test-helpers\.ts$|\.(isolation|request-jobs)\.ts$/.test(path) || /(^|\/)test\//.test(path);

/**
 * What a module may use of the middleware: `worker/middleware/principal.ts`, which hands a handler
 * the request's principal and gateway and re-exports the few names a route needs (the session
 * cookie's name, the route rate limit). Everything else in `middleware/` is the chain's own.
 */
export const middlewareSurface = 'worker/middleware/principal.ts';

export function middlewareInternals(edge: ImportEdge): string | null {
  return moduleOf(edge.from) && !isTestFile(edge.from) && edge.target?.startsWith('worker/middleware/') && edge.target !== middlewareSurface
    ? `a module may use the middleware only through ${middlewareSurface}`
    : null;
}

/**
 * Queues reach modules only through the registry (`worker/modules/assembly.ts` hands them the
 * registered manifests): a module's jobs are in its manifest, never imported by name.
 */
export function queuesIntoModules(edge: ImportEdge): string | null {
  return edge.from.startsWith('queues/') && !isTestFile(edge.from) && edge.target && moduleOf(edge.target)
    ? 'queues/ may reach a module only through the registry (its manifest’s `jobs`)'
    : null;
}

/**
 * The folder an app file belongs to, for the cycle rule: `worker/modules/<m>` per module, the
 * registry file on its own (it is the list of modules, read only by the entry points), the other
 * files of `worker/modules/` together, each other folder of `worker/` by name, and the files
 * directly in `worker/` together.
 */
export function folderOf(path: string): string {
  if (path === 'worker/modules/registry.ts') return path;
  const module = moduleOf(path);
  if (module) return `worker/modules/${module}`;
  const parts = path.split('/');
  if (parts[0] === 'worker' && parts.length > 2) return `worker/${parts[1]}`;
  return parts.length > 1 ? (parts[0] as string) : '.';
}

/**
 * Import cycles between folders, one message per cycle found. Only imports that load code count:
 * `import type` is erased, so a folder may name another's types either way. Tests are leaves and
 * do not count, nor are files shared as data (they import types only, so nothing leads on from them).
 */
export function folderCycles(edges: ImportEdge[]): string[] {
  const graph = new Map<string, Map<string, string>>();
  for (const edge of edges) {
    if (!edge.target || edge.typeOnly || isTestFile(edge.from) || isTestFile(edge.target)) continue;
    // A file shared as data imports types only, so no cycle can run through it (the billing plans).
    if (sharedWithWeb.has(edge.target) || sharedAsData.test(edge.target)) continue;
    const from = folderOf(edge.from);
    const to = folderOf(edge.target);
    if (from === to) continue;
    const out = graph.get(from) ?? new Map<string, string>();
    if (!out.has(to)) out.set(to, `${edge.from} -> ${edge.target}`);
    graph.set(from, out);
  }
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (folder: string) => {
    state.set(folder, 'open');
    path.push(folder);
    for (const [next] of graph.get(folder) ?? []) {
      if (state.get(next) === 'open') {
        const cycle = [...path.slice(path.indexOf(next)), next];
        const via = cycle.slice(1).map((to, i) => graph.get(cycle[i] as string)?.get(to));
        cycles.push(`import cycle between folders: ${cycle.join(' -> ')} (${via.join('; ')})`);
      } else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(folder, 'done');
  };
  for (const folder of [...graph.keys()].sort()) if (!state.has(folder)) visit(folder);
  return cycles;
}

const publish = /\.reactionsTo\(/g;
const literalEvent = /^\.reactionsTo\(\s*\{\s*type:\s*'([^']+)'/;
const emitsList = /\bemits:\s*\[([^\]]*)\]/;

/**
 * A module publishes only the domain events its manifest lists in `emits`, and lists only events it
 * publishes. Events are published as literals (`bus.reactionsTo({ type: '…', … }, db)`), so the
 * check can read them.
 */
export function undeclaredEvents(files: Array<{ file: string; source: string }>): string[] {
  const declared = new Map<string, Set<string>>();
  const published = new Map<string, Array<{ file: string; type: string }>>();
  const found: string[] = [];
  for (const { file, source } of files) {
    const module = moduleOf(file);
    if (!module || isTestFile(file)) continue;
    if (file === `worker/modules/${module}/${module}.module.ts`) {
      const list = emitsList.exec(source)?.[1] ?? '';
      declared.set(module, new Set([...list.matchAll(/'([^']+)'/g)].map((m) => m[1] as string)));
    }
    for (const call of source.matchAll(publish)) {
      const type = literalEvent.exec(source.slice(call.index))?.[1];
      if (type) published.set(module, [...(published.get(module) ?? []), { file, type }]);
      else
        found.push(`${file}: publish a domain event as a literal, \`reactionsTo({ type: '…', … }, db)\`, so its manifest can be checked`);
    }
  }
  for (const [module, events] of published) {
    for (const { file, type } of events) {
      if (!declared.get(module)?.has(type)) found.push(`${file}: publishes '${type}', which is not in the \`emits\` of module ${module}`);
    }
  }
  for (const [module, types] of declared) {
    for (const type of types) {
      if (!published.get(module)?.some((e) => e.type === type)) {
        found.push(`worker/modules/${module}/${module}.module.ts: lists '${type}' in \`emits\` but never publishes it`);
      }
    }
  }
  return found;
}
