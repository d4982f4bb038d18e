import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface FirstLoad {
  /** The files, relative to the build folder, in the order they were found. */
  files: string[];
  bytes: number;
  /** Each file gzipped on its own (level 9), summed: what a browser downloads compressed. */
  gzipBytes: number;
}

const scriptSources = /<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g;
const modulePreloads = /<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"[^>]*>/g;
/** `import … from "./x.js"`, `export … from "./x.js"` and `import "./x.js"`; never `import("./x.js")`. */
const staticImports = /(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g;

/**
 * The JavaScript the web app's index.html loads before any lazy route: its scripts, the modules it
 * preloads, and everything those import statically. Lazy routes (`import()`) are left out.
 */
export function webFirstLoad(distDir: string): FirstLoad {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const queue = [...html.matchAll(scriptSources), ...html.matchAll(modulePreloads)]
    .map((m) => m[1] ?? '')
    .filter((src) => src.startsWith('/') && !src.startsWith('//'))
    .map((src) => src.slice(1));
  const files: string[] = [];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (files.includes(file) || !existsSync(join(distDir, file))) continue;
    files.push(file);
    const source = readFileSync(join(distDir, file), 'utf8');
    for (const [, specifier = ''] of source.matchAll(staticImports)) {
      if (specifier.startsWith('.')) queue.push(posix.normalize(posix.join(dirname(file), specifier)));
      else if (specifier.startsWith('/')) queue.push(specifier.slice(1));
    }
  }
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = readFileSync(join(distDir, file));
    bytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  return { files, bytes, gzipBytes };
}
