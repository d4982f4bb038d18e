/**
 * What a first visit to the web app downloads before it can paint: the JavaScript and CSS that the
 * built `index.html` loads (its module script, its modulepreload links and its stylesheets), each
 * gzipped as a CDN would serve it. Pages loaded later (route chunks) are not counted.
 *
 *   npm run build:web && node scripts/web-first-load.ts            # reads web/dist
 *   node scripts/web-first-load.ts --dist /some/other/dist --json  # another build, machine-readable
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { root } from './stack.ts';

export interface FirstLoad {
  js: { files: string[]; gzipBytes: number };
  css: { files: string[]; gzipBytes: number };
}

/** The assets `index.html` asks for at once, by kind, in document order. */
export function assetsOf(html: string): { js: string[]; css: string[] } {
  const attribute = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]+)"`).exec(tag)?.[1];
  const js: string[] = [];
  const css: string[] = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    if (tag.startsWith('<script') && /type="module"/.test(tag)) {
      const src = attribute(tag, 'src');
      if (src) js.push(src);
    } else if (/rel="modulepreload"/.test(tag)) {
      const href = attribute(tag, 'href');
      if (href) js.push(href);
    } else if (/rel="stylesheet"/.test(tag)) {
      const href = attribute(tag, 'href');
      if (href) css.push(href);
    }
  }
  return { js: [...new Set(js)], css: [...new Set(css)] };
}

export async function firstLoad(dist: string): Promise<FirstLoad> {
  const assets = assetsOf(await readFile(join(dist, 'index.html'), 'utf8'));
  const gzipped = async (files: string[]) => {
    let total = 0;
    for (const file of files) total += gzipSync(await readFile(join(dist, file.replace(/^\//, ''))), { level: 9 }).length;
    return total;
  };
  return {
    js: { files: assets.js, gzipBytes: await gzipped(assets.js) },
    css: { files: assets.css, gzipBytes: await gzipped(assets.css) },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { dist: { type: 'string' }, json: { type: 'boolean' } } });
  const result = await firstLoad(values.dist ?? join(root, 'web/dist'));
  if (values.json) {
    console.log(JSON.stringify(result));
  } else {
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    console.log(`First load, gzip: JS ${kb(result.js.gzipBytes)} (${result.js.files.length} files), CSS ${kb(result.css.gzipBytes)}`);
  }
}
