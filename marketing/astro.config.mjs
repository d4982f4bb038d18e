// @ts-check
import cloudflare from '@astrojs/cloudflare';
import { defineConfig } from 'astro/config';

// The marketing site is fully static: every page is prerendered at build time
// and served as plain assets from Cloudflare. The adapter stays configured so a
// page can opt into on-demand rendering later with `export const prerender = false`.
export default defineConfig({
  // The site's own address: canonical URLs, the sitemap and Open Graph images are absolute.
  site: 'https://www.example.com',
  output: 'static',
  adapter: cloudflare({
    // Prerender in Node instead of starting a local workerd runtime during
    // `astro build`: faster, and nothing to download or spawn.
    prerenderEnvironment: 'node',
    // No server-rendered images: the site only uses inline SVG.
    imageService: 'passthrough',
    // The site binds nothing, so its local runtime keeps no state on disk: parallel test shards each
    // start one (Astro's Vite config loads the adapter), and shared SQLite files under
    // marketing/.wrangler/state made one of them fail to start (SQLITE_BUSY_RECOVERY).
    persistState: false,
    // Each of those runtimes also opens an inspector, on the first port from 9229 it finds free; two
    // shards starting at once could both find 9229 free, and the second to listen failed to start.
    // Tests attach no debugger, so under vitest there is none; `astro dev` keeps it.
    inspectorPort: process.env.VITEST ? false : undefined,
  }),
  // The site keeps no per-visitor state, so no sessions (and no KV binding).
  session: false,
  build: {
    // Stylesheets stay files, so the Content-Security-Policy in public/_headers needs no 'unsafe-inline'.
    inlineStylesheets: 'never',
  },
  // Static pages only: the dev toolbar adds nothing here.
  devToolbar: { enabled: false },
});
