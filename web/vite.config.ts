import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const fromHere = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The API reference's renderer (Scalar's standalone bundle) as a static asset at the path the
 * Worker's `/api/v1/docs` page loads (worker/modules/system/reference-page.ts): served from the
 * origin, never a CDN, and never part of the Worker's bundle or the app's own JavaScript.
 */
function apiReferenceRenderer(): Plugin {
  const standalone = join(dirname(createRequire(import.meta.url).resolve('@scalar/api-reference')), 'browser/standalone.js');
  return {
    name: 'api-reference-renderer',
    apply: 'build',
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'api-reference/scalar.js', source: await readFile(standalone) });
    },
  };
}

export default defineConfig({
  root: fromHere('.'),
  base: '/',
  plugins: [react(), apiReferenceRenderer()],
  resolve: {
    alias: { '@': fromHere('./src') },
  },
  build: {
    outDir: fromHere('./dist'),
    emptyOutDir: true,
  },
  server: {
    port: 5173,
    strictPort: true,
    // Same origin as in production, so session cookies and the CSRF origin check behave alike.
    proxy: {
      '/api': { target: 'http://localhost:8787' },
    },
  },
});
