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
]);
const sharedAsData = /^worker\/modules\/[^/]+\/[^/]+\.permissions\.ts$/;

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
    !sharedWithWeb.has(e.target)
      ? 'web/ and marketing/ may only `import type` from the worker'
      : null,
  (e) => ((sharedWithWeb.has(e.from) || sharedAsData.test(e.from)) && !e.typeOnly ? 'a file shared with web/ may import types only' : null),
  (e) => {
    const own = moduleOf(e.from);
    const other = e.target ? moduleOf(e.target) : null;
    return own && other && own !== other && /\.tables\.ts$/.test(e.target ?? '') && !e.typeOnly
      ? `module ${own} must not import the tables of module ${other} (types only; go through its service)`
      : null;
  },
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
  return [...violations(edges), ...context, ...skips];
}
