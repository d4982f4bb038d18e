import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { PGlite } from '@electric-sql/pglite';
import { listenOnLoopback } from './listen.ts';
import { createNeonHttpHandler } from './neon-http.ts';
import { createPgExecutor } from './pg-executor.ts';
import { createPgliteExecutor } from './pglite-executor.ts';
import { connectInProcess, type PgliteTcpServer, startPgliteTcp } from './pglite-tcp.ts';
import { SessionLock } from './session-lock.ts';
import type { SqlExecutor } from './sql-executor.ts';
import { type DbServerStats, emptyStats } from './stats.ts';
import { createWsProxy, type DatabaseAddress } from './ws-proxy.ts';

export type { DbServerStats } from './stats.ts';

export interface DbServerOptions {
  /** HTTP+WebSocket port of the Neon-compatible endpoint. */
  port: number;
  /** When set, proxy to this real Postgres (mode b). Otherwise embedded PGlite (mode a). */
  databaseUrl?: string;
  /** Mode a: TCP port on 127.0.0.1 where PGlite is served over the Postgres wire protocol. */
  pglitePort?: number;
  /** Mode a: folder for PGlite's data; undefined = in memory. */
  pgliteDataDir?: string;
}

export interface DbServer {
  /** Connection string for clients of the database (for PGlite: postgres://postgres:postgres@127.0.0.1:<pglitePort>/postgres). */
  postgresUrl: string;
  /** Counters since start or last reset. */
  stats(): DbServerStats;
  resetStats(): void;
  close(): Promise<void>;
}

interface Database {
  url: string;
  address: DatabaseAddress;
  /** How the WebSocket proxy reaches it, when not over TCP at `address`. */
  connect?: () => Duplex;
  /** What `POST /sql` runs statements with. */
  executor: SqlExecutor;
  close(): Promise<void>;
}

/**
 * Starts a local endpoint that answers like Neon does to `@neondatabase/serverless`: SQL over
 * HTTP at `POST /sql` and the WebSocket proxy at `/v1`, in front of embedded PGlite or of any
 * PostgreSQL server. Counters are served at `GET /__stats` and reset by `POST /__stats/reset`.
 */
export async function startDbServer(options: DbServerOptions): Promise<DbServer> {
  const database = options.databaseUrl ? externalDatabase(options.databaseUrl) : await startPglite(options);
  let counters = emptyStats();

  const sql = createNeonHttpHandler({
    executor: database.executor,
    onRequest(statements) {
      counters.sqlRequests += 1;
      counters.sqlQueries += statements;
    },
  });
  const ws = createWsProxy({
    database: database.address,
    ...(database.connect ? { connect: database.connect } : {}),
    onConnection() {
      counters.wsConnections += 1;
    },
    onMessage() {
      counters.wsMessages += 1;
    },
  });

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method === 'POST' && path === '/sql') return sql.handle(request, response);
    if (request.method === 'GET' && path === '/__stats') {
      response.writeHead(200, { 'content-type': 'application/json' });
      // `wsOpen` is a gauge, not a counter: connections still open (a pool a request has not ended yet).
      response.end(JSON.stringify({ ...counters, wsOpen: ws.openConnections() }));
      return;
    }
    if (request.method === 'POST' && path === '/__stats/reset') {
      counters = emptyStats();
      response.writeHead(204).end();
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  };

  const http = createServer((request, response) => {
    route(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  http.on('upgrade', (request: IncomingMessage, socket, head: Buffer) => ws.handleUpgrade(request, socket, head));

  try {
    await listenOnLoopback(http, options.port);
  } catch (error) {
    await Promise.all([ws.close(), sql.close()]);
    await database.close();
    throw error;
  }

  return {
    postgresUrl: database.url,
    stats: () => ({ ...counters }),
    resetStats() {
      counters = emptyStats();
    },
    async close() {
      const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await Promise.all([ws.close(), sql.close(), httpClosed]);
      await database.close();
    },
  };
}

function externalDatabase(databaseUrl: string): Database {
  const url = new URL(databaseUrl);
  return {
    url: databaseUrl,
    address: { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: url.port ? Number(url.port) : 5432 },
    executor: createPgExecutor(databaseUrl),
    close: async () => undefined,
  };
}

async function startPglite(options: DbServerOptions): Promise<Database> {
  if (options.pgliteDataDir !== undefined) await mkdir(options.pgliteDataDir, { recursive: true });
  const db = await PGlite.create(options.pgliteDataDir === undefined ? {} : { dataDir: options.pgliteDataDir });
  await db.waitReady;
  const lock = new SessionLock(db);
  let tcp: PgliteTcpServer;
  try {
    tcp = await startPgliteTcp(lock, options.pglitePort ?? 0);
  } catch (error) {
    await db.close();
    throw error;
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${tcp.port}/postgres`,
    address: { host: '127.0.0.1', port: tcp.port },
    // Both of the endpoint's paths reach PGlite in this process; the TCP port is for other clients.
    connect: () => connectInProcess(lock),
    executor: createPgliteExecutor(lock),
    async close() {
      await tcp.close();
      await db.close();
    },
  };
}
