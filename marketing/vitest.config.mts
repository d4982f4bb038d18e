import { getViteConfig } from 'astro/config';

export default getViteConfig(
  { test: { name: 'marketing', environment: 'node', include: ['src/**/*.test.ts'] } },
  { root: import.meta.dirname, logLevel: 'warn' },
);
