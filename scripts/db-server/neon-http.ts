import type { IncomingMessage, ServerResponse } from 'node:http';
import { DatabaseError, Pool, type PoolClient, type QueryArrayConfig, type QueryArrayResult } from 'pg';

/**
 * Neon's SQL-over-HTTP endpoint (`POST /sql`) as `@neondatabase/serverless` calls it from `neon()`:
 * one statement or a batch run as one transaction, answered with every value in Postgres text
 * output and rows as arrays, so the driver parses them by type OID exactly as it does with Neon.
 */

export interface NeonHttpOptions {
  /** The database to run statements on; credentials and database name come from each request. */
  databaseUrl: string;
  onRequest(statements: number): void;
}

export interface NeonHttpHandler {
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
  close(): Promise<void>;
}

interface Statement {
  query: string;
  params: unknown[];
}

interface NeonField {
  name: string;
  tableID: number;
  columnID: number;
  dataTypeID: number;
  dataTypeSize: number;
  dataTypeModifier: number;
  format: string;
}

interface NeonResult {
  command: string;
  rowCount: number | null;
  rows: unknown[][];
  fields: NeonField[];
  rowAsArray: true;
}

class BadRequest extends Error {}

const MAX_BODY_BYTES = 64 * 1024 * 1024;
const POOL_SIZE = 5;

const ISOLATION_LEVELS: Record<string, string> = {
  ReadUncommitted: 'READ UNCOMMITTED',
  ReadCommitted: 'READ COMMITTED',
  RepeatableRead: 'REPEATABLE READ',
  Serializable: 'SERIALIZABLE',
};

const DATABASE_ERROR_FIELDS = [
  'code',
  'severity',
  'detail',
  'hint',
  'position',
  'internalPosition',
  'internalQuery',
  'where',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'file',
  'line',
  'routine',
] as const;

// Values go back exactly as Postgres printed them; the driver parses them by dataTypeID.
const textTypes = { getTypeParser: () => (value: string) => value };

export function createNeonHttpHandler(options: NeonHttpOptions): NeonHttpHandler {
  const pools = new Map<string, Pool>();

  const poolFor = (connectionString: string): Pool => {
    const target = targetConnectionString(options.databaseUrl, connectionString);
    let pool = pools.get(target);
    if (!pool) {
      pool = new Pool({ connectionString: target, max: POOL_SIZE, idleTimeoutMillis: 30_000 });
      // An idle connection dropped by the server must not take the process down.
      pool.on('error', () => undefined);
      pools.set(target, pool);
    }
    return pool;
  };

  return {
    async handle(request, response) {
      let statements = 0;
      let answer: [number, unknown];
      try {
        const body = parseBody(await readBody(request));
        statements = 'queries' in body ? body.queries.length : 1;
        const pool = poolFor(header(request, 'neon-connection-string') ?? missing('Neon-Connection-String'));
        const payload =
          'queries' in body
            ? { results: await runBatch(pool, body.queries, beginStatement(request)) }
            : await runOne(pool, body);
        answer = [200, payload];
      } catch (error) {
        answer = errorAnswer(error);
      }
      options.onRequest(statements);
      send(response, ...answer);
    },
    async close() {
      const all = [...pools.values()];
      pools.clear();
      await Promise.all(all.map((pool) => pool.end().catch(() => undefined)));
    },
  };
}

/** The configured database's host, port and options, with the request's user, password and database. */
function targetConnectionString(databaseUrl: string, requested: string): string {
  let from: URL;
  try {
    from = new URL(requested);
  } catch {
    throw new BadRequest('Neon-Connection-String is not a valid URL');
  }
  if (from.protocol !== 'postgres:' && from.protocol !== 'postgresql:') {
    throw new BadRequest('Neon-Connection-String must be a postgres:// URL');
  }
  const target = new URL(databaseUrl);
  target.username = from.username;
  target.password = from.password;
  target.pathname = from.pathname;
  return target.toString();
}

async function runOne(pool: Pool, statement: Statement): Promise<NeonResult> {
  return toNeonResult(await pool.query(queryConfig(statement)));
}

async function runBatch(pool: Pool, statements: Statement[], begin: string): Promise<NeonResult[]> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(begin);
    const results: NeonResult[] = [];
    for (const statement of statements) results.push(toNeonResult(await client.query(queryConfig(statement))));
    await client.query('COMMIT');
    return results;
  } catch (error) {
    broken = await rollback(client);
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Rolls back; answers the error that makes the connection unfit for reuse, if any. */
async function rollback(client: PoolClient): Promise<Error | undefined> {
  try {
    await client.query('ROLLBACK');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function beginStatement(request: IncomingMessage): string {
  const parts = ['BEGIN'];
  const isolation = header(request, 'neon-batch-isolation-level');
  if (isolation !== undefined) {
    const level = ISOLATION_LEVELS[isolation];
    if (!level) throw new BadRequest(`unknown Neon-Batch-Isolation-Level: ${isolation}`);
    parts.push(`ISOLATION LEVEL ${level}`);
  }
  const readOnly = booleanHeader(request, 'neon-batch-read-only');
  if (readOnly !== undefined) parts.push(readOnly ? 'READ ONLY' : 'READ WRITE');
  const deferrable = booleanHeader(request, 'neon-batch-deferrable');
  if (deferrable !== undefined) parts.push(deferrable ? 'DEFERRABLE' : 'NOT DEFERRABLE');
  return parts.join(' ');
}

function queryConfig(statement: Statement): QueryArrayConfig {
  // Always the extended protocol, as Neon does: one statement per query, $n parameters.
  const config: QueryArrayConfig & { queryMode: 'extended' } = {
    text: statement.query,
    values: statement.params,
    rowMode: 'array',
    types: textTypes,
    queryMode: 'extended',
  };
  return config;
}

function toNeonResult(result: QueryArrayResult): NeonResult {
  return {
    command: result.command,
    rowCount: result.rowCount,
    rows: result.rows,
    fields: result.fields.map((field) => ({
      name: field.name,
      tableID: field.tableID,
      columnID: field.columnID,
      dataTypeID: field.dataTypeID,
      dataTypeSize: field.dataTypeSize,
      dataTypeModifier: field.dataTypeModifier,
      format: field.format,
    })),
    rowAsArray: true,
  };
}

function errorAnswer(error: unknown): [number, unknown] {
  if (error instanceof DatabaseError) return [400, databaseErrorBody(error)];
  if (error instanceof BadRequest) return [400, { message: error.message }];
  return [500, { message: error instanceof Error ? error.message : String(error) }];
}

function databaseErrorBody(error: DatabaseError): Record<string, string> {
  const body: Record<string, string> = { message: error.message };
  for (const field of DATABASE_ERROR_FIELDS) {
    const value = error[field];
    if (value !== undefined) body[field] = value;
  }
  return body;
}

function parseBody(raw: string): Statement | { queries: Statement[] } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new BadRequest('request body is not valid JSON');
  }
  if (isRecord(json) && Array.isArray(json.queries)) return { queries: json.queries.map(parseStatement) };
  return parseStatement(json);
}

function parseStatement(value: unknown): Statement {
  if (!isRecord(value) || typeof value.query !== 'string') {
    throw new BadRequest('expected { query, params } or { queries: [{ query, params }, ...] }');
  }
  const params = value.params ?? [];
  if (!Array.isArray(params)) throw new BadRequest('params must be an array');
  return { query: value.query, params };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function booleanHeader(request: IncomingMessage, name: string): boolean | undefined {
  const value = header(request, name);
  if (value === undefined) return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new BadRequest(`${name} must be true or false`);
}

function missing(name: string): never {
  throw new BadRequest(`missing ${name} header`);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BadRequest('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  response.end(json);
}
