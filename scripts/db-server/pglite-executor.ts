import { createRequire } from 'node:module';
import { type DatabaseError, serialize } from 'pg-protocol';
import type {
  BackendMessage,
  CommandCompleteMessage,
  DataRowMessage,
  ReadyForQueryMessage,
  RowDescriptionMessage,
} from 'pg-protocol/dist/messages.js';
import { Parser } from 'pg-protocol/dist/parser.js';
import type { ClientId, SessionLock } from './session-lock.ts';
import { type NeonField, type NeonResult, neonField, type SqlExecutor, type Statement } from './sql-executor.ts';
import { queryMessage } from './wire.ts';

// The JSON parameters become Postgres text input exactly as `pg` (the other executor) makes it.
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as {
  prepareValue(value: unknown): string | Buffer | null;
};

interface PipelineAnswer {
  results: NeonResult[];
  error: DatabaseError | undefined;
  /** ReadyForQuery's transaction status: 'I' idle, 'T' in a transaction, 'E' in a failed one. */
  status: string;
}

/**
 * Runs the endpoint's statements on PGlite in this process: a request's statements reach the backend
 * as one extended-protocol pipeline (Parse, Bind, Describe, Execute for each, then one Sync) in a
 * single call, instead of a `pg` round trip per statement over a local socket. The session is the
 * one the TCP clients share, taken through the same {@link SessionLock}, so a batch never interleaves
 * with a pooled client's transaction. PGlite runs every session as `postgres`, so the request's user
 * plays no part, exactly as with the TCP server.
 */
export function createPgliteExecutor(lock: SessionLock): SqlExecutor {
  const run = async (statements: Statement[]): Promise<PipelineAnswer> => {
    const client = lock.newClient();
    try {
      const answer = await exchange(lock, client, pipeline(statements));
      // A failed batch leaves its transaction open (aborted) after Sync; end it before letting go.
      if (answer.status !== 'I') await exchange(lock, client, queryMessage('ROLLBACK'));
      return answer;
    } finally {
      await lock.abandon(client);
    }
  };

  return {
    async runOne(_connectionString, statement) {
      const answer = await run([statement]);
      if (answer.error) throw answer.error;
      return onlyResult(answer.results);
    },
    async runBatch(_connectionString, statements, begin) {
      const answer = await run([{ query: begin, params: [] }, ...statements, { query: 'COMMIT', params: [] }]);
      if (answer.error) throw answer.error;
      return answer.results.slice(1, -1);
    },
    close: async () => undefined,
  };
}

function pipeline(statements: Statement[]): Uint8Array {
  const parts: Buffer[] = [];
  for (const statement of statements) {
    parts.push(
      serialize.parse({ text: statement.query }),
      serialize.bind({ values: statement.params.map((value) => prepareValue(value)) }),
      serialize.describe({ type: 'P' }),
      serialize.execute(),
    );
  }
  parts.push(serialize.sync());
  return new Uint8Array(Buffer.concat(parts));
}

async function exchange(lock: SessionLock, client: ClientId, message: Uint8Array): Promise<PipelineAnswer> {
  const parser = new Parser();
  const messages: BackendMessage[] = [];
  await lock.execute(client, message, (data) => parser.parse(Buffer.from(data), (m) => messages.push(m)));
  return readAnswer(messages);
}

function readAnswer(messages: BackendMessage[]): PipelineAnswer {
  const results: NeonResult[] = [];
  let error: DatabaseError | undefined;
  let status = 'I';
  let fields: NeonField[] = [];
  let rows: unknown[][] = [];
  for (const message of messages) {
    switch (message.name) {
      case 'rowDescription':
        fields = (message as RowDescriptionMessage).fields.map(neonField);
        break;
      case 'dataRow':
        rows.push((message as DataRowMessage).fields);
        break;
      case 'commandComplete':
      case 'emptyQuery':
        results.push(completed(message.name === 'commandComplete' ? (message as CommandCompleteMessage).text : '', fields, rows));
        fields = [];
        rows = [];
        break;
      case 'error':
        error ??= message as DatabaseError;
        break;
      case 'readyForQuery':
        status = (message as ReadyForQueryMessage).status;
        break;
    }
  }
  return { results, error, status };
}

/** Command and row count read from the CommandComplete tag the way `pg` reads them ("INSERT 0 3", "SELECT 20"). */
function completed(tag: string, fields: NeonField[], rows: unknown[][]): NeonResult {
  const match = /^([A-Za-z]+)(?: (\d+))?(?: (\d+))?/.exec(tag);
  const count = match?.[3] ?? match?.[2];
  return {
    command: match?.[1] ?? '',
    rowCount: count === undefined ? null : Number.parseInt(count, 10),
    rows,
    fields,
    rowAsArray: true,
  };
}

function onlyResult(results: NeonResult[]): NeonResult {
  const [result] = results;
  if (!result || results.length !== 1) throw new Error(`expected one result, got ${results.length}`);
  return result;
}
