import { join } from 'node:path';
import { runnerImport } from 'vite';
import { root } from './stack.ts';

/**
 * A file of the Worker's code, loaded into Node. The Worker's modules use TypeScript that Node
 * cannot strip (TSX, parameter properties), so Vite's module runner loads them, as it loads a
 * config file. Each call loads its own module graph.
 */
export async function importWorkerFile<T>(path: string): Promise<T> {
  return (await runnerImport<T>(join(root, path), { root, logLevel: 'error' })).module;
}
