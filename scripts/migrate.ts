/** `npm run db:migrate`: applies pending migrations to DATABASE_URL (your Neon database in production). */
import { runMigrations } from './migrate-lib.ts';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set. Example: DATABASE_URL=postgres://user:pass@host/db npm run db:migrate');
  process.exit(1);
}
await runMigrations(url);
console.log('Migrations applied.');
