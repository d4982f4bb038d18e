import { neon, neonConfig, Pool } from '@neondatabase/serverless';
import type { BatchItem } from 'drizzle-orm/batch';
import { drizzle as drizzleHttp } from 'drizzle-orm/neon-http';
import { drizzle as drizzlePool } from 'drizzle-orm/neon-serverless';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Config } from '../kernel/config.ts';

/** The part of a request trace the database layer records spans into. */
export interface Tracer {
  span<T>(name: string, attributes: Record<string, string>, fn: () => Promise<T>): Promise<T>;
}

export type HttpDb = ReturnType<typeof drizzleHttp>;
export type PoolDb = ReturnType<typeof drizzlePool>;

/** Either handle (HTTP or an open transaction), for building a statement before choosing how it is sent. */
export type QueryBuilder = PgDatabase<PgQueryResultHKT, Record<string, unknown>>;

/** A built statement, not yet run: sent in an HTTP batch or awaited inside an interactive transaction. */
export type Statement = BatchItem<'pg'>;

/**
 * The HTTP client holds no connection (each query is its own `fetch`), so one per isolate and
 * connection string is safe to reuse across requests and saves building it on every request.
 */
const httpClients = new Map<string, HttpDb>();

function httpClientFor(url: string): HttpDb {
  let client = httpClients.get(url);
  if (!client) {
    client = withoutParameterTypings(drizzleHttp({ client: neon(url) }));
    httpClients.set(url, client);
  }
  return client;
}

/**
 * Drizzle's Postgres dialect classifies every bound parameter (json, uuid, timestamp, …) while it
 * builds a statement, for the one driver that sends such hints (the AWS Data API). Neither Neon
 * driver reads them, and the classification was a third of the time spent building a write's
 * statements, so it is switched off: the SQL text and parameters are unchanged
 * (docs/decisions/074-statements-that-ride-along-every-write.md).
 */
export function withoutParameterTypings<D extends QueryBuilder>(db: D): D {
  (db as unknown as { dialect: { prepareTyping?: unknown } }).dialect.prepareTyping = undefined;
  return db;
}

/**
 * In development and tests the driver talks to a local endpoint that speaks Neon's WebSocket and
 * SQL-over-HTTP protocols, so the production code path is the one that runs everywhere.
 */
export function pointDriverAtLocalEndpoint(hostPort: string): void {
  neonConfig.fetchEndpoint = () => `http://${hostPort}/sql`;
  neonConfig.wsProxy = (host, port) => `${hostPort}/v1?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
}

/**
 * Database access for one request: `http` (one HTTP round trip per query or batch) for reads and
 * single statements, `pool` (a WebSocket session, opened on first use) for interactive
 * transactions. Workers forbid sharing I/O objects between requests, so the pool is per request.
 */
export class Database {
  readonly http: HttpDb;
  #pool: Pool | null = null;
  #poolDb: PoolDb | null = null;
  readonly #url: string;

  readonly #tracer: Tracer | null;

  constructor(config: Config, tracer: Tracer | null = null) {
    this.#tracer = tracer;
    if (config.NEON_LOCAL_PROXY) pointDriverAtLocalEndpoint(config.NEON_LOCAL_PROXY);
    this.#url = config.DATABASE_URL;
    this.http = httpClientFor(config.DATABASE_URL);
  }

  get pool(): PoolDb {
    if (!this.#poolDb) {
      this.#pool = new Pool({ connectionString: this.#url, max: 1 });
      // An idle session whose socket closes (e.g. at the end of the request) is not an error of the app.
      this.#pool.on('error', () => {});
      this.#poolDb = withoutParameterTypings(drizzlePool({ client: this.#pool }));
    }
    return this.#poolDb;
  }

  /** Records a database span around `fn` when the request is traced. */
  trace<T>(name: string, fn: () => Promise<T>): Promise<T> {
    return this.#tracer ? this.#tracer.span(name, { 'db.system': 'postgresql' }, fn) : fn();
  }

  /** Whether this request opened a WebSocket session (which `close` ends). */
  get hasSession(): boolean {
    return this.#pool !== null;
  }

  /** Ends the WebSocket session if one was opened; call from `waitUntil` after the response. */
  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = null;
    this.#poolDb = null;
    if (pool) await pool.end();
  }
}
