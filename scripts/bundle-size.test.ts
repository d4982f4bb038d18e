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

async function written(): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'bundle-size-')), 'meta.json');
  await writeFile(path, JSON.stringify(metafile));
  return path;
}

describe('the worker bundle’s sizes, from the metafile', () => {
  it('counts as eager what the entry reaches through static imports, not what only import() reaches', async () => {
    expect(eagerBytes(await written())).toEqual({ eager: 100 + 20 + 50000 + 6, total: 100 + 20 + 300 + 4000 + 50000 + 6 });
  });

  it('names the files that import a given input', async () => {
    const path = await written();
    expect(importersOf(path, 'worker/kernel/zod-english-locale.ts')).toEqual(['node_modules/zod/v4/classic/external.js']);
    expect(importersOf(path, 'worker/b.ts')).toEqual(['worker/lazy.ts']);
  });
});
