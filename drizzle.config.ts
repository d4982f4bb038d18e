import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // The core tables, and each module's own (`worker/modules/<m>/<m>.tables.ts`).
  schema: ['./worker/db/schema.ts', './worker/modules/*/*.tables.ts'],
  out: './migrations',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5481/postgres' },
});
