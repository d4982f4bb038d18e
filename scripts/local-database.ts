import { connect } from 'node:net';
import { resolve } from 'node:path';
import { startDbServer } from './db-server/index.ts';
import { runMigrations } from './migrate-lib.ts';
import { root } from './stack.ts';

/**
 * Runs `work` on the database an operator's script acts on:
 *
 *   DATABASE_URL     that database (migrations must already be applied: npm run db:migrate)
 *   (unset)          the local PGlite database: through `npm run dev` when it is running,
 *                    otherwise opened directly from PGLITE_DATA_DIR (default .data/pglite), migrated first
 */
export async function withDatabase<T>(work: (databaseUrl: string) => Promise<T>): Promise<T> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  if (databaseUrl) return work(databaseUrl);

  const pglitePort = Number(process.env.PGLITE_PORT || 5481);
  if (await listening(pglitePort)) {
    console.log(`Using the running local database on 127.0.0.1:${pglitePort}.`);
    return work(`postgres://postgres:postgres@127.0.0.1:${pglitePort}/postgres`);
  }

  const dataDir = resolve(root, process.env.PGLITE_DATA_DIR || '.data/pglite');
  console.log(`Using the local database in ${dataDir}.`);
  const server = await startDbServer({ port: 0, pglitePort: 0, pgliteDataDir: dataDir });
  try {
    await runMigrations(server.postgresUrl, resolve(root, 'migrations'));
    return await work(server.postgresUrl);
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
