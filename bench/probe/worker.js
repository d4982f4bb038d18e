/**
 * Probe worker for `npm run bench`, run by `wrangler dev` with no bundling next to a copy of the
 * app's deploy bundle (`app.js`) in a temporary folder.
 *
 *   GET /kdf?n=5   hashes a password n times with PBKDF2-SHA256, 100,000 iterations (the app's
 *                  parameters) and reports each hash's duration from performance.now(), which
 *                  advances during CPU work in local workerd.
 * Start-up is measured apart, in several cold isolates (bench/lib/startup.ts).
 */
const iterations = 100_000;
const encoder = new TextEncoder();

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === '/kdf') {
      const n = Math.max(1, Math.min(50, Number(url.searchParams.get('n') ?? '5') || 5));
      const key = await crypto.subtle.importKey('raw', encoder.encode('correct horse battery staple'), 'PBKDF2', false, ['deriveBits']);
      const ms = [];
      for (let i = 0; i < n; i++) {
        const salt = crypto.getRandomValues(new Uint8Array(16));
        const start = performance.now();
        await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
        ms.push(performance.now() - start);
      }
      return Response.json({ iterations, ms });
    }
    return new Response('probe');
  },
};
