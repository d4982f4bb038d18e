/**
 * What the worker evaluates at start-up, from the esbuild metafile of its build: the bytes of every
 * input the entry reaches through static imports, in the outputs it loads. Inputs reached only through
 * `import()` are in modules of their own (scripts/build-worker.ts splits the deploy build), loaded on
 * first use: in the upload, not evaluated when an isolate starts.
 */
import { readFileSync } from 'node:fs';

/** The parts of esbuild's metafile these checks read. */
export interface Metafile {
  inputs: Record<string, { imports: Array<{ path: string; kind: string; external?: boolean }> }>;
  outputs: Record<
    string,
    { entryPoint?: string; imports?: Array<{ path: string; kind: string }>; inputs: Record<string, { bytesInOutput: number }> }
  >;
}

export const readMetafile = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Metafile;

/** The worker's entry: with code splitting every `import()` target is an entry point too; the worker's own is the one no input imports. */
function entryOf(meta: Metafile, metafilePath: string): string {
  const imported = new Set(Object.values(meta.inputs).flatMap((input) => input.imports.map((edge) => edge.path)));
  const entries = Object.values(meta.outputs).flatMap((o) => (o.entryPoint && !imported.has(o.entryPoint) ? [o.entryPoint] : []));
  const entry = entries[0];
  if (entry === undefined || entries.length > 1) throw new Error(`${metafilePath}: expected one entry point, found ${entries.length}`);
  return entry;
}

function loadedOutputs(meta: Metafile, entry: string): Set<string> {
  const main = Object.keys(meta.outputs).find((path) => meta.outputs[path]?.entryPoint === entry) ?? '';
  const loaded = new Set([main]);
  const pending = [main];
  for (let output = pending.pop(); output !== undefined; output = pending.pop()) {
    for (const edge of meta.outputs[output]?.imports ?? []) {
      if (edge.kind !== 'import-statement' || !(edge.path in meta.outputs) || loaded.has(edge.path)) continue;
      loaded.add(edge.path);
      pending.push(edge.path);
    }
  }
  return loaded;
}

/** The outputs an isolate loads at start-up: the entry's and those it imports statically, transitively (as the metafile names them). */
export function outputsLoadedAtStartUp(metafilePath: string): string[] {
  const meta = readMetafile(metafilePath);
  return [...loadedOutputs(meta, entryOf(meta, metafilePath))];
}

/**
 * Bytes of the inputs the entry reaches through static imports, counted in the outputs loaded at
 * start-up (`eager`), and of every input in any output (`total`). Both conditions count: esbuild puts
 * the part of a shared input that only lazy code uses in a lazy chunk.
 */
export function eagerBytes(metafilePath: string): { eager: number; total: number } {
  const meta = readMetafile(metafilePath);
  const entry = entryOf(meta, metafilePath);
  const reached = new Set([entry]);
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    for (const edge of meta.inputs[file]?.imports ?? []) {
      if (edge.kind === 'dynamic-import' || edge.external || reached.has(edge.path)) continue;
      reached.add(edge.path);
      pending.push(edge.path);
    }
  }
  const loaded = loadedOutputs(meta, entry);
  let eager = 0;
  let total = 0;
  for (const [path, output] of Object.entries(meta.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      total += bytesInOutput;
      if (reached.has(input) && loaded.has(path)) eager += bytesInOutput;
    }
  }
  return { eager, total };
}

/** The inputs of the bundle that import `target` (a path relative to the repository, as the metafile names it). */
export function importersOf(metafilePath: string, target: string): string[] {
  const meta = readMetafile(metafilePath);
  return Object.entries(meta.inputs)
    .filter(([, input]) => input.imports.some((edge) => edge.path === target))
    .map(([file]) => file);
}
