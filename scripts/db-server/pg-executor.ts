import { Pool, type PoolClient, type QueryArrayConfig, type QueryArrayResult } from 'pg';
import { type NeonResult, neonField, type SqlExecutor, type Statement } from './sql-executor.ts';

const POOL_SIZE = 5;

// Values go back exactly as Postgres printed them; the driver parses them by dataTypeID.
const textTypes = { getTypeParser: () => (value: string) => value };

/**
 * Runs statements on a PostgreSQL server through `pg`, with a pool per user and database: the
 * configured server's host, port and options, with the request's credentials.
 */
export function createPgExecutor(databaseUrl: string): SqlExecutor {
  const pools = new Map<string, Pool>();

  const poolFor = (connectionString: string): Pool => {
    const target = targetConnectionString(databaseUrl, connectionString);
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
    async runOne(connectionString, statement) {
      return toNeonResult(await poolFor(connectionString).query(queryConfig(statement)));
    },
    async runBatch(connectionString, statements, begin) {
      const client = await poolFor(connectionString).connect();
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
  const from = new URL(requested);
  const target = new URL(databaseUrl);
  target.username = from.username;
  target.password = from.password;
  target.pathname = from.pathname;
  return target.toString();
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
    fields: result.fields.map(neonField),
    rowAsArray: true,
  };
}
