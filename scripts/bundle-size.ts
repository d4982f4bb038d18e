/**
 * What the worker bundle evaluates at start-up, from wrangler's esbuild metafile: the bytes of every
 * input the entry reaches through static imports. Inputs reached only through `import()` are wrapped
 * by esbuild in functions that run on first use, so they are in the upload but not evaluated when an
 * isolate starts.
 */
import { readFileSync } from 'node:fs';

interface Metafile {
  inputs: Record<string, { imports: Array<{ path: string; kind: string; external?: boolean }> }>;
  outputs: Record<string, { entryPoint?: string; inputs: Record<string, { bytesInOutput: number }> }>;
}

/** Bytes of the main output that the entry reaches through static imports (`eager`), and of all its inputs (`total`). */
export function eagerBytes(metafilePath: string): { eager: number; total: number } {
  const meta = JSON.parse(readFileSync(metafilePath, 'utf8')) as Metafile;
  const output = Object.values(meta.outputs).find((o) => o.entryPoint);
  if (!output?.entryPoint) throw new Error(`${metafilePath}: no entry point`);
  const reached = new Set([output.entryPoint]);
  const pending = [output.entryPoint];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    for (const edge of meta.inputs[file]?.imports ?? []) {
      if (edge.kind === 'dynamic-import' || edge.external || reached.has(edge.path)) continue;
      reached.add(edge.path);
      pending.push(edge.path);
    }
  }
  let eager = 0;
  let total = 0;
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    total += bytesInOutput;
    if (reached.has(input)) eager += bytesInOutput;
  }
  return { eager, total };
}

/** The inputs of the bundle that import `target` (a path relative to the repository, as the metafile names it). */
export function importersOf(metafilePath: string, target: string): string[] {
  const meta = JSON.parse(readFileSync(metafilePath, 'utf8')) as Metafile;
  return Object.entries(meta.inputs)
    .filter(([, input]) => input.imports.some((edge) => edge.path === target))
    .map(([file]) => file);
}
