import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const fromHere = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: fromHere('.'),
  base: '/',
  plugins: [react(), tailwindcss()],
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
