/**
 * Local Neon-compatible database endpoint.
 *
 *   DATABASE_URL     a PostgreSQL server to put behind the endpoint; unset = embedded PGlite
 *   DB_SERVER_PORT   HTTP + WebSocket port (default 5480)
 *   PGLITE_PORT      port where PGlite speaks the Postgres protocol (default 5481)
 *   PGLITE_DATA_DIR  PGlite's data folder, relative to the working directory (default .data/pglite);
 *                    set it empty to keep the data in memory
 */
import { resolve } from 'node:path';
import { startDbServer } from './index.ts';

const databaseUrl = process.env.DATABASE_URL || undefined;
const port = portFrom('DB_SERVER_PORT', 5480);
const dataDir = process.env.PGLITE_DATA_DIR ?? '.data/pglite';

const server = await startDbServer({
  port,
  databaseUrl,
  pglitePort: portFrom('PGLITE_PORT', 5481),
  pgliteDataDir: dataDir === '' ? undefined : resolve(process.cwd(), dataDir),
});

const database = databaseUrl ? withoutPassword(server.postgresUrl) : server.postgresUrl;
const storage = databaseUrl ? '' : dataDir === '' ? ' (PGlite, in memory)' : ` (PGlite, ${dataDir})`;
console.log(`Postgres:         ${database}${storage}`);
console.log(`SQL over HTTP:    http://127.0.0.1:${port}/sql`);
console.log(`WebSocket proxy:  ws://127.0.0.1:${port}/v1?address=<host>:<port>`);
console.log(`Stats:            http://127.0.0.1:${port}/__stats`);

let stopping = false;
const stop = (): void => {
  if (stopping) process.exit(1);
  stopping = true;
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

function portFrom(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`${name} must be a port number, got ${value}`);
  return port;
}

function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
