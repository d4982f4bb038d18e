/**
 * `npm run db:seed`: adds the demo user (email verified), its workspace and each module's sample data
 * (`demoSeed` in its manifest). Safe to run again.
 *
 *   DATABASE_URL     the database to seed (migrations must already be applied: npm run db:migrate)
 *   (unset)          the local PGlite database: through `npm run dev` when it is running,
 *                    otherwise opened directly from PGLITE_DATA_DIR (default .data/pglite)
 */
import { withDatabase } from './local-database.ts';
import { demo, seedDemo } from './seed-lib.ts';

try {
  const result = await withDatabase(seedDemo);
  if (result.skipped) {
    console.error(`Demo not seeded: ${result.skipped}.`);
    process.exitCode = 1;
  } else {
    console.log(result.inserted > 0 ? `Seeded ${result.inserted} rows.` : 'Demo data already present; nothing changed.');
    console.log(`Log in as ${demo.email} / ${demo.password} (workspace "${demo.workspaceSlug}").`);
  }
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`Seeding failed: ${message}`);
  if (/relation .* does not exist/.test(message)) console.error('Apply the migrations first: npm run db:migrate');
  process.exitCode = 1;
}
