import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eagerBytes, importersOf } from './bundle-size.ts';

// A metafile as esbuild writes it: the entry imports `a` statically and `lazy` with import();
// `lazy` alone reaches `b`; zod's two files import the locale stand-in.
const metafile = {
  inputs: {
    'worker/index.ts': {
      imports: [
        { path: 'worker/a.ts', kind: 'import-statement' },
        { path: 'worker/lazy.ts', kind: 'dynamic-import' },
        { path: 'cloudflare:workers', kind: 'import-statement', external: true },
      ],
    },
    'worker/a.ts': { imports: [{ path: 'node_modules/zod/v4/classic/external.js', kind: 'import-statement' }] },
    'worker/lazy.ts': { imports: [{ path: 'worker/b.ts', kind: 'import-statement' }] },
    'worker/b.ts': { imports: [] },
    'node_modules/zod/v4/classic/external.js': { imports: [{ path: 'worker/kernel/zod-english-locale.ts', kind: 'import-statement' }] },
    'worker/kernel/zod-english-locale.ts': { imports: [] },
  },
  outputs: {
    'index.js': {
      entryPoint: 'worker/index.ts',
      inputs: {
        'worker/index.ts': { bytesInOutput: 100 },
        'worker/a.ts': { bytesInOutput: 20 },
        'worker/lazy.ts': { bytesInOutput: 300 },
        'worker/b.ts': { bytesInOutput: 4000 },
        'node_modules/zod/v4/classic/external.js': { bytesInOutput: 50000 },
        'worker/kernel/zod-english-locale.ts': { bytesInOutput: 6 },
      },
    },
  },
};

// The same inputs built with code splitting: `lazy.ts` and `b.ts` in a chunk of their own, which is an
// entry point too; zod in a chunk the entry imports; the part of `a.ts` that only `lazy.ts` uses in a
// chunk that only the lazy one imports.
const splitMetafile = {
  inputs: metafile.inputs,
  outputs: {
    'index.js': {
      entryPoint: 'worker/index.ts',
      imports: [
        { path: 'chunk-Y.js', kind: 'import-statement' },
        { path: 'lazy-X.js', kind: 'dynamic-import' },
      ],
      inputs: { 'worker/index.ts': { bytesInOutput: 100 }, 'worker/a.ts': { bytesInOutput: 20 } },
    },
    'lazy-X.js': {
      entryPoint: 'worker/lazy.ts',
      imports: [
        { path: 'chunk-Y.js', kind: 'import-statement' },
        { path: 'chunk-Z.js', kind: 'import-statement' },
      ],
      inputs: { 'worker/lazy.ts': { bytesInOutput: 300 }, 'worker/b.ts': { bytesInOutput: 4000 } },
    },
    'chunk-Z.js': { imports: [], inputs: { 'worker/a.ts': { bytesInOutput: 7 } } },
    'chunk-Y.js': {
      imports: [],
      inputs: {
        'node_modules/zod/v4/classic/external.js': { bytesInOutput: 50000 },
        'worker/kernel/zod-english-locale.ts': { bytesInOutput: 6 },
      },
    },
  },
};

async function written(meta: object = metafile): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'bundle-size-')), 'meta.json');
  await writeFile(path, JSON.stringify(meta));
  return path;
}

describe('the worker bundle’s sizes, from the metafile', () => {
  it('counts as eager what the entry reaches through static imports, not what only import() reaches', async () => {
    expect(eagerBytes(await written())).toEqual({ eager: 100 + 20 + 50000 + 6, total: 100 + 20 + 300 + 4000 + 50000 + 6 });
  });

  it('counts the same in a build split into chunks, whose import() targets are entry points too', async () => {
    expect(eagerBytes(await written(splitMetafile))).toEqual({
      eager: 100 + 20 + 50000 + 6,
      total: 100 + 20 + 7 + 300 + 4000 + 50000 + 6,
    });
  });

  it('names the files that import a given input', async () => {
    const path = await written();
    expect(importersOf(path, 'worker/kernel/zod-english-locale.ts')).toEqual(['node_modules/zod/v4/classic/external.js']);
    expect(importersOf(path, 'worker/b.ts')).toEqual(['worker/lazy.ts']);
  });
});
