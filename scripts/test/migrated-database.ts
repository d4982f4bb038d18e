import { join } from 'node:path';
import pg from 'pg';
import { startDbServer } from '../db-server/index.ts';
import { runMigrations } from '../migrate-lib.ts';
import { root } from '../stack.ts';

/**
 * A fresh embedded database with every migration applied, for a tooling test. `select` runs as the
 * database's superuser, which row-level security does not filter.
 */
export async function migratedDatabase() {
  const server = await startDbServer({ port: 0, pglitePort: 0 });
  await runMigrations(server.postgresUrl, join(root, 'migrations'));
  async function select<T>(query: string, values: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: server.postgresUrl });
    await client.connect();
    try {
      return (await client.query(query, values)).rows as T[];
    } finally {
      await client.end();
    }
  }
  return { url: server.postgresUrl, select, close: () => server.close() };
}
