/**
 * `npm run db:seed`: adds the demo user (email verified), its workspace and each module's sample data
 * (`demoSeed` in its manifest). Safe to run again.
 *
 *   DATABASE_URL     the database to seed (migrations must already be applied: npm run db:migrate)
 *   (unset)          the local PGlite database: through `npm run dev` when it is running,
 *                    otherwise opened directly from PGLITE_DATA_DIR (default .data/pglite)
 */
import { connect } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDbServer } from './db-server/index.ts';
import { runMigrations } from './migrate-lib.ts';
import { demo, type SeedResult, seedDemo } from './seed-lib.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<SeedResult> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  if (databaseUrl) return seedDemo(databaseUrl);

  const pglitePort = Number(process.env.PGLITE_PORT || 5481);
  if (await listening(pglitePort)) {
    console.log(`Seeding the running local database on 127.0.0.1:${pglitePort}.`);
    return seedDemo(`postgres://postgres:postgres@127.0.0.1:${pglitePort}/postgres`);
  }

  const dataDir = resolve(root, process.env.PGLITE_DATA_DIR || '.data/pglite');
  console.log(`Seeding the local database in ${dataDir}.`);
  const server = await startDbServer({ port: 0, pglitePort: 0, pgliteDataDir: dataDir });
  try {
    await runMigrations(server.postgresUrl, resolve(root, 'migrations'));
    return await seedDemo(server.postgresUrl);
  } finally {
    await server.close();
  }
}

function listening(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

try {
  const result = await main();
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
