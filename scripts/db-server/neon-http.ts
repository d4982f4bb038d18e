import type { IncomingMessage, ServerResponse } from 'node:http';
import { DatabaseError } from 'pg-protocol';
import { BadRequest, type SqlExecutor, type Statement } from './sql-executor.ts';

/**
 * Neon's SQL-over-HTTP endpoint (`POST /sql`) as `@neondatabase/serverless` calls it from `neon()`:
 * one statement or a batch run as one transaction, answered with every value in Postgres text
 * output and rows as arrays, so the driver parses them by type OID exactly as it does with Neon.
 */

export interface NeonHttpOptions {
  /** Runs the statements; credentials and database name come from each request. */
  executor: SqlExecutor;
  onRequest(statements: number): void;
}

export interface NeonHttpHandler {
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024 * 1024;

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

export function createNeonHttpHandler(options: NeonHttpOptions): NeonHttpHandler {
  const { executor } = options;
  return {
    async handle(request, response) {
      let statements = 0;
      let answer: [number, unknown];
      try {
        const body = parseBody(await readBody(request));
        statements = 'queries' in body ? body.queries.length : 1;
        const connectionString = checkedConnectionString(header(request, 'neon-connection-string'));
        const payload =
          'queries' in body
            ? { results: await executor.runBatch(connectionString, body.queries, beginStatement(request)) }
            : await executor.runOne(connectionString, body);
        answer = [200, payload];
      } catch (error) {
        answer = errorAnswer(error);
      }
      options.onRequest(statements);
      send(response, ...answer);
    },
    close: () => executor.close(),
  };
}

function checkedConnectionString(value: string | undefined): string {
  if (value === undefined) throw new BadRequest('missing Neon-Connection-String header');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new BadRequest('Neon-Connection-String is not a valid URL');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new BadRequest('Neon-Connection-String must be a postgres:// URL');
  }
  return value;
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
