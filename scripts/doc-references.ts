import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every file, migration and decision record that the docs and the code's comments cite must exist,
 * and nothing may cite a document this repository does not hold: a newcomer follows these.
 */

const skippedDirs = new Set(['node_modules', 'dist', 'artifacts']);
const scanned = /\.(ts|tsx|mts|mjs|sql|md|astro|toml|jsonc)$/;

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (skippedDirs.has(name) || name.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return filesUnder(path);
    return scanned.test(name) ? [path] : [];
  });
}

export function citingFiles(): string[] {
  const roots = ['worker', 'web/src', 'marketing/src', 'durable-objects', 'queues', 'migrations', 'scripts', 'docs', 'e2e', 'bench', '.ci'];
  return ['README.md', 'ARCHITECTURE.md', 'CONTRIBUTING.md', 'wrangler.toml', ...roots.flatMap(filesUnder)].map((p) =>
    p.replaceAll('\\', '/'),
  );
}

/** The text a file cites from: all of a document; only the comments of code. */
export function citingText(file: string, source: string): string {
  if (/\.(md|toml)$/.test(file)) return source;
  if (file.endsWith('.sql')) return [...source.matchAll(/--(.*)$/gm)].map((m) => m[1]).join('\n');
  const comments = [...source.matchAll(/\/\*[\s\S]*?\*\/|(?<![:'"`\\])\/\/.*$/gm)].map((m) => m[0]);
  return comments.join('\n');
}

const topLevel = '(?:worker|web|marketing|durable-objects|queues|migrations|scripts|docs|e2e|bench|\\.ci)';
const repoPath = new RegExp(`(?<![\\w./-])(${topLevel}/[\\w./-]*\\w)`, 'g');
/** Paths the docs write relative to worker/ (`db/tenant.ts`, `modules/access.ts`). */
const workerPath = /(?<![\w./-])((?:kernel|db|middleware|modules|adapters)\/[\w./-]*\.tsx?)\b/g;
const migrationName = /(?<![\w/-])(\d{4}_[\w-]+)\.sql\b/g;
const decisionNumber = /\b(?:ADR|ADRs|docs\/decisions\/)\s?(\d{3})\b/g;
const foreignDocuments = /\b(DESIGN\.md|CONVENTIONS\.md|FACTS\.md)\b/g;

function decisionExists(number: string): boolean {
  return readdirSync('docs/decisions').some((name) => name.startsWith(`${number}-`));
}

/** What `file` cites that is not in the repository, one line each. */
export function staleReferences(file: string, source: string): string[] {
  const text = citingText(file, source);
  const stale: string[] = [];
  const add = (what: string) => stale.push(`${file}: cites ${what}, which is not in this repository`);
  for (const match of text.matchAll(repoPath)) {
    const path = match[1] ?? '';
    // Build output (web/dist, marketing/dist) exists only after a build.
    if (/\/(NNN|x|y|a|b)\b|\.\.\.|…|(^|\/)dist(\/|$)/.test(path)) continue;
    // `file:line` is a stack location a profiler recorded (bench/PROFILE.md), a dated measurement
    // of the code as it was, not a file the reader is sent to.
    if (/^:\d+/.test(text.slice((match.index ?? 0) + match[0].length))) continue;
    const withoutSlash = path.replace(/\/$/, '');
    if (!existsSync(withoutSlash) && !/^docs\/decisions\/\d{3}$/.test(withoutSlash)) add(path);
  }
  for (const [, path = ''] of text.matchAll(workerPath)) {
    if (!existsSync(`worker/${path}`) && !existsSync(path)) add(`worker/${path}`);
  }
  for (const [, name = ''] of text.matchAll(migrationName)) {
    if (!existsSync(`migrations/${name}.sql`)) add(`migrations/${name}.sql`);
  }
  for (const [, number = ''] of text.matchAll(decisionNumber)) {
    if (!decisionExists(number)) add(`decision record ${number}`);
  }
  for (const [, name = ''] of text.matchAll(foreignDocuments)) add(name);
  return stale;
}

export function staleReferencesInTree(): string[] {
  return citingFiles().flatMap((file) => staleReferences(file, readFileSync(file, 'utf8')));
}
