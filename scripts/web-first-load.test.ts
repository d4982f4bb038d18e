import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { assetsOf, firstLoad } from './web-first-load.ts';

const html = `<!doctype html><html><head>
<script src="/theme.js"></script>
<script type="module" crossorigin src="/assets/index-a.js"></script>
<link rel="modulepreload" crossorigin href="/assets/shared-b.js">
<link rel="stylesheet" crossorigin href="/assets/index-c.css">
<link rel="icon" href="/favicon.svg" />
</head><body></body></html>`;

describe('the web app’s first load', () => {
  it('counts the module script, its preloads and the stylesheets, not classic scripts or icons', () => {
    expect(assetsOf(html)).toEqual({ js: ['/assets/index-a.js', '/assets/shared-b.js'], css: ['/assets/index-c.css'] });
  });

  it('adds up their gzipped sizes; route chunks that index.html does not load are left out', async () => {
    const dist = await mkdtemp(join(tmpdir(), 'first-load-'));
    await mkdir(join(dist, 'assets'));
    const files = {
      'index-a.js': 'a'.repeat(5000),
      'shared-b.js': 'console.log(1);',
      'index-c.css': 'body{}',
      'page-d.js': 'x'.repeat(9000),
    };
    for (const [name, text] of Object.entries(files)) await writeFile(join(dist, 'assets', name), text);
    await writeFile(join(dist, 'index.html'), html);
    const gz = (text: string) => gzipSync(text, { level: 9 }).length;
    expect(await firstLoad(dist)).toEqual({
      js: { files: ['/assets/index-a.js', '/assets/shared-b.js'], gzipBytes: gz(files['index-a.js']) + gz(files['shared-b.js']) },
      css: { files: ['/assets/index-c.css'], gzipBytes: gz(files['index-c.css']) },
    });
  });
});
