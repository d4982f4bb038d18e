import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, NeonDbError, neon, neonConfig, Pool } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { describeWith } from '../test/describe-with.ts';
import { type DbServer, type DbServerStats, startDbServer } from './index.ts';
import { findPostgresBin, startTempPostgres, type TempPostgres } from './temp-postgres.ts';

const PGLITE_SERVER_PORT = 5580;
const PGLITE_PORT = 5581;
const POSTGRES_SERVER_PORT = 5582;
const TEMP_POSTGRES_PORT = 5499;
const PERSISTENCE_SERVER_PORT = 5583;
const PERSISTENCE_PGLITE_PORT = 5584;

// The driver's settings are global; each suite points them at its own server.
let serverPort = PGLITE_SERVER_PORT;
neonConfig.webSocketConstructor = WebSocket;
neonConfig.wsProxy = (host, port) => `127.0.0.1:${serverPort}/v1?address=${host}:${port}`;
neonConfig.useSecureWebSocket = false;
neonConfig.pipelineTLS = false;
neonConfig.pipelineConnect = false;
neonConfig.fetchEndpoint = () => `http://127.0.0.1:${serverPort}/sql`;

const suffix = randomBytes(4).toString('hex');
const table = (name: string): string => `db_server_${name}_${suffix}`;

interface Endpoint {
  server: DbServer;
  port: number;
}

/** What the driver must be able to do against either kind of database. */
function driverTests(endpoint: () => Endpoint): void {
  it('answers neon() over HTTP with values the driver parses by type', async () => {
    const sql = neon(endpoint().server.postgresUrl);
    const [row] = await sql.query(
      `select $1::int4 as int4, $2::int8 as int8, $3::bool as bool, $4::timestamptz as at,
              $5::jsonb as doc, $6::text[] as tags, $7::text as nothing, $8::bytea as bytes`,
      [42, '9007199254740993', true, new Date('2024-05-06T07:08:09.123Z'), { a: [1, 'x'] }, ['a', 'b c'], null, Buffer.from([0, 255])],
    );
    expect(row).toEqual({
      int4: 42,
      int8: '9007199254740993',
      bool: true,
      at: new Date('2024-05-06T07:08:09.123Z'),
      doc: { a: [1, 'x'] },
      tags: ['a', 'b c'],
      nothing: null,
      bytes: Buffer.from([0, 255]),
    });
    expect(row?.at).toBeInstanceOf(Date);
  });

  it('runs sql.transaction() as one atomic request with the requested options', async () => {
    const { server } = endpoint();
    const sql = neon(server.postgresUrl);
    const name = table('atomic');
    await sql.query(`create table ${name} (id int primary key)`);

    server.resetStats();
    await expect(
      sql.transaction([sql.query(`insert into ${name} values (1)`), sql.query(`insert into ${name} values (1)`)]),
    ).rejects.toMatchObject({ code: '23505' });
    expect(server.stats()).toMatchObject({ sqlRequests: 1, sqlQueries: 2 });
    expect(await sql.query(`select count(*)::int as n from ${name}`)).toEqual([{ n: 0 }]);

    const [, settings] = await sql.transaction(
      [
        sql.query(`select 1`),
        sql.query(`select current_setting('transaction_isolation') as isolation,
                          current_setting('transaction_read_only') as read_only`),
      ],
      { isolationLevel: 'Serializable', readOnly: true },
    );
    expect(settings).toEqual([{ isolation: 'serializable', read_only: 'on' }]);
  });

  it('reports a unique violation as a NeonDbError with its SQLSTATE', async () => {
    const sql = neon(endpoint().server.postgresUrl);
    const name = table('unique');
    await sql.query(`create table ${name} (email text constraint ${name}_email unique)`);
    await sql.query(`insert into ${name} values ($1)`, ['a@example.com']);
    const error = await sql.query(`insert into ${name} values ($1)`, ['a@example.com']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NeonDbError);
    expect(error).toMatchObject({ code: '23505', constraint: `${name}_email`, severity: 'ERROR' });
  });

  it('runs an interactive transaction through Pool over the WebSocket proxy', async () => {
    const { server } = endpoint();
    const name = table('interactive');
    const pool = new Pool({ connectionString: server.postgresUrl });
    try {
      await pool.query(`create table ${name} (id int)`);
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`SET LOCAL statement_timeout = '4321ms'`);
        expect((await client.query('SHOW statement_timeout')).rows).toEqual([{ statement_timeout: '4321ms' }]);
        await client.query(`insert into ${name} values ($1)`, [7]);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      const next = new Client(server.postgresUrl);
      await next.connect();
      try {
        expect((await next.query('SHOW statement_timeout')).rows).toEqual([{ statement_timeout: '0' }]);
        expect((await next.query(`select id from ${name}`)).rows).toEqual([{ id: 7 }]);
      } finally {
        await next.end();
      }
    } finally {
      await pool.end();
    }
  });

  it('refuses WebSocket connections to any other database', async () => {
    const { server, port } = endpoint();
    const target = new URL(server.postgresUrl);
    const before = server.stats().wsConnections;
    for (const address of ['10.0.0.1:5432', `${target.hostname}:1`, `example.com:${target.port}`]) {
      expect(await openWebSocket(`ws://127.0.0.1:${port}/v1?address=${address}`)).toBe('refused');
    }
    expect(await openWebSocket(`ws://127.0.0.1:${port}/v2?address=${target.host}`)).toBe('refused');
    expect(server.stats().wsConnections).toBe(before);
  });
}

describe('embedded PGlite', () => {
  let server: DbServer;
  const endpoint = (): Endpoint => ({ server, port: PGLITE_SERVER_PORT });

  beforeAll(async () => {
    serverPort = PGLITE_SERVER_PORT;
    server = await startDbServer({ port: PGLITE_SERVER_PORT, pglitePort: PGLITE_PORT });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  it('serves PGlite on its TCP port', () => {
    expect(server.postgresUrl).toBe(`postgres://postgres:postgres@127.0.0.1:${PGLITE_PORT}/postgres`);
  });

  driverTests(endpoint);

  it('never interleaves two clients inside their transactions', async () => {
    const name = table('concurrent');
    const pool = new Pool({ connectionString: server.postgresUrl, max: 2 });
    try {
      await pool.query(`create table ${name} (tag text)`);
      const run = async (tag: string) => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const before = await client.query('select pg_current_xact_id()::text as xid');
          await client.query(`insert into ${name} values ($1)`, [tag]);
          await client.query('select pg_sleep(0.05)');
          const seen = await client.query(`select tag from ${name} order by tag`);
          const after = await client.query('select pg_current_xact_id()::text as xid');
          await client.query('COMMIT');
          return {
            tag,
            seen: seen.rows.map((row: { tag: string }) => row.tag),
            xids: [before.rows[0]?.xid, after.rows[0]?.xid],
          };
        } finally {
          client.release();
        }
      };
      const [a, b] = await Promise.all([run('a'), run('b')]);
      if (!a || !b) throw new Error('both transactions must finish');
      // Each stays in its own transaction; the one that ran second sees only the other's committed row.
      expect(a.xids[0]).toBe(a.xids[1]);
      expect(b.xids[0]).toBe(b.xids[1]);
      expect(a.xids[0]).not.toBe(b.xids[0]);
      expect([a.seen, b.seen].map((seen) => seen.length).sort()).toEqual([1, 2]);
      expect(a.seen).toContain('a');
      expect(b.seen).toContain('b');
      expect((await pool.query(`select count(*)::int as n from ${name}`)).rows).toEqual([{ n: 2 }]);
    } finally {
      await pool.end();
    }
  });

  it('makes clients, HTTP included, wait for a transaction and then serves them in arrival order', async () => {
    const name = table('queue');
    const sql = neon(server.postgresUrl);
    await sql.query(`create table ${name} (id serial, tag text)`);
    const holder = await RawConnection.open(PGLITE_PORT);
    const second = await RawConnection.open(PGLITE_PORT);
    const fourth = await RawConnection.open(PGLITE_PORT);
    const pause = () => new Promise((resolve) => setTimeout(resolve, 50));
    const done: string[] = [];
    try {
      await holder.simpleQuery(`BEGIN; insert into ${name} (tag) values ('first')`);
      const waiting: Promise<unknown>[] = [];
      waiting.push(second.simpleQuery(`insert into ${name} (tag) values ('second')`).then(() => done.push('second')));
      await pause();
      waiting.push(sql.query(`insert into ${name} (tag) values ($1)`, ['third']).then(() => done.push('third')));
      await pause();
      waiting.push(fourth.simpleQuery(`insert into ${name} (tag) values ('fourth')`).then(() => done.push('fourth')));
      await pause();
      expect(done).toEqual([]);
      await holder.simpleQuery('COMMIT');
      await withTimeout(Promise.all(waiting));
      expect(done.sort()).toEqual(['fourth', 'second', 'third']);
      // Completion order is what the clients observe; the serial ids show the order the session ran them.
      const rows = await sql.query(`select tag from ${name} order by id`);
      expect(rows.map((row) => row.tag)).toEqual(['first', 'second', 'third', 'fourth']);
    } finally {
      for (const connection of [holder, second, fourth]) connection.destroy();
    }
  });

  describe('a client that goes away holding the session', () => {
    const name = table('abandoned');
    const sql = () => neon(server.postgresUrl);
    const rows = async () => (await sql().query(`select tag from ${name} order by tag`)).map((row) => row.tag);

    beforeAll(async () => {
      await sql().query(`create table ${name} (tag text)`);
    });

    it('mid-transaction, through Client.end(): its rows are rolled back', async () => {
      const client = new Client(server.postgresUrl);
      await client.connect();
      await client.query('BEGIN');
      await client.query(`insert into ${name} values ('ended')`);
      await client.end();
      expect(await withTimeout(rows())).toEqual([]);
    });

    it('mid-transaction, by dropping the connection', async () => {
      const raw = await RawConnection.open(PGLITE_PORT);
      await raw.simpleQuery(`BEGIN; insert into ${name} values ('dropped')`);
      raw.destroy();
      expect(await withTimeout(rows())).toEqual([]);
      expect(await withTimeout(sql().query('select 1 as one'))).toEqual([{ one: 1 }]);
    });

    it('mid-transaction, by dropping the WebSocket', async () => {
      const raw = await RawConnection.openWebSocket(PGLITE_SERVER_PORT, PGLITE_PORT);
      await raw.simpleQuery(`BEGIN; insert into ${name} values ('dropped over WebSocket')`);
      raw.destroy();
      expect(await withTimeout(rows())).toEqual([]);
      expect(await withTimeout(sql().query('select 1 as one'))).toEqual([{ one: 1 }]);
    });

    it('between Execute and Sync: the implicit transaction is rolled back, not committed', async () => {
      const raw = await RawConnection.open(PGLITE_PORT);
      await raw.extendedWithoutSync(`insert into ${name} values ('unsynced')`, 'C');
      raw.destroy();
      expect(await withTimeout(rows())).toEqual([]);
    });

    it('after an error that makes the backend skip messages until Sync', async () => {
      const raw = await RawConnection.open(PGLITE_PORT);
      await raw.simpleQuery('BEGIN');
      await raw.extendedWithoutSync('selec broken', 'E');
      raw.destroy();
      const client = new Client(server.postgresUrl);
      await client.connect();
      try {
        const status = await withTimeout(client.query(`select now() = statement_timestamp() as fresh_transaction`));
        expect(status.rows).toEqual([{ fresh_transaction: true }]);
      } finally {
        await client.end();
      }
    });
  });

  it('counts requests and WebSocket traffic, readable and resettable over HTTP', async () => {
    const base = `http://127.0.0.1:${PGLITE_SERVER_PORT}`;
    const fetchStats = async (): Promise<DbServerStats> => (await fetch(`${base}/__stats`)).json() as Promise<DbServerStats>;
    expect((await fetch(`${base}/__stats/reset`, { method: 'POST' })).status).toBe(204);
    expect(await fetchStats()).toEqual({
      sqlRequests: 0,
      sqlQueries: 0,
      wsConnections: 0,
      wsMessages: 0,
      wsOpen: 0,
    });

    const sql = neon(server.postgresUrl);
    await sql`select 1`;
    await sql.transaction([sql`select 1`, sql`select 2`, sql`select 3`]);
    const pool = new Pool({ connectionString: server.postgresUrl });
    await pool.query('select 1');
    await pool.query('select 2');
    expect(((await fetchStats()) as DbServerStats & { wsOpen: number }).wsOpen).toBe(1);
    await pool.end();

    const stats = await fetchStats();
    expect(stats).toMatchObject({ sqlRequests: 2, sqlQueries: 4, wsConnections: 1 });
    expect(stats.wsMessages).toBeGreaterThanOrEqual(3);
    expect(server.stats()).toMatchObject({ sqlRequests: 2, sqlQueries: 4, wsConnections: 1 });

    server.resetStats();
    expect(server.stats()).toEqual({ sqlRequests: 0, sqlQueries: 0, wsConnections: 0, wsMessages: 0 });
  });

  it('answers malformed requests with 400 and unknown paths with 404', async () => {
    const base = `http://127.0.0.1:${PGLITE_SERVER_PORT}`;
    const headers = { 'Neon-Connection-String': server.postgresUrl };
    const notJson = await fetch(`${base}/sql`, { method: 'POST', headers, body: '{' });
    expect(notJson.status).toBe(400);
    const noHeader = await fetch(`${base}/sql`, { method: 'POST', body: JSON.stringify({ query: 'select 1' }) });
    expect(noHeader.status).toBe(400);
    const badIsolation = await fetch(`${base}/sql`, {
      method: 'POST',
      headers: { ...headers, 'Neon-Batch-Isolation-Level': 'Chaos' },
      body: JSON.stringify({ queries: [{ query: 'select 1', params: [] }] }),
    });
    expect(badIsolation.status).toBe(400);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });
});

describe('PGlite data folder', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'db-server-pglite-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the data across restarts', async () => {
    serverPort = PERSISTENCE_SERVER_PORT;
    const options = { port: PERSISTENCE_SERVER_PORT, pglitePort: PERSISTENCE_PGLITE_PORT, pgliteDataDir: dir };
    const first = await startDbServer(options);
    try {
      const sql = neon(first.postgresUrl);
      await sql`create table kept (note text)`;
      await sql`insert into kept values ('still here')`;
    } finally {
      await first.close();
    }
    const second = await startDbServer(options);
    try {
      expect(await neon(second.postgresUrl)`select note from kept`).toEqual([{ note: 'still here' }]);
    } finally {
      await second.close();
    }
  }, 120_000);
});

// CI must exercise a real server; elsewhere this needs the Debian PostgreSQL packages or TEST_DATABASE_URL.
const postgresBin = findPostgresBin();
const canUsePostgres = Boolean(process.env.TEST_DATABASE_URL || postgresBin || process.env.CI);

const postgresMissing = canUsePostgres ? null : 'no PostgreSQL server binaries (apt-get install postgresql) and no TEST_DATABASE_URL';
describeWith(postgresMissing, 'real PostgreSQL', () => {
  let server: DbServer;
  let temp: TempPostgres | undefined;
  const endpoint = (): Endpoint => ({ server, port: POSTGRES_SERVER_PORT });

  beforeAll(async () => {
    let databaseUrl = process.env.TEST_DATABASE_URL;
    if (!databaseUrl) {
      if (!postgresBin) throw new Error('no PostgreSQL: install it or set TEST_DATABASE_URL');
      temp = startTempPostgres(postgresBin, TEMP_POSTGRES_PORT);
      databaseUrl = temp.url;
    }
    serverPort = POSTGRES_SERVER_PORT;
    server = await startDbServer({ port: POSTGRES_SERVER_PORT, databaseUrl });
  }, 60_000);
  afterAll(async () => {
    if (server && process.env.TEST_DATABASE_URL) {
      const sql = neon(server.postgresUrl);
      for (const name of ['atomic', 'unique', 'interactive']) await sql.query(`drop table if exists ${table(name)}`);
    }
    await server?.close();
    temp?.stop();
  }, 30_000);

  it('runs statements as the user and database of the connection string', async () => {
    const url = new URL(server.postgresUrl);
    const [row] = await neon(server.postgresUrl)`select current_user as "user", current_database() as database`;
    expect(row).toEqual({ user: decodeURIComponent(url.username), database: url.pathname.slice(1) });
  });

  driverTests(endpoint);
});

function openWebSocket(url: string): Promise<'open' | 'refused'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', () => resolve('refused'));
    ws.on('error', () => resolve('refused'));
  });
}

function withTimeout<T>(promise: Promise<T>, ms = 5_000): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms)),
  ]);
}

/** A hand-driven protocol connection, to leave the session in states no driver would. */
/** A byte stream to the database: a TCP socket, or a WebSocket through the endpoint's proxy. */
interface Transport {
  write(bytes: Buffer): void;
  destroy(): void;
}

class RawConnection {
  readonly #transport: Transport;
  #received = Buffer.alloc(0);
  #onData: (() => void) | undefined;

  private constructor(transport: Transport) {
    this.#transport = transport;
  }

  #receive(chunk: Buffer): void {
    this.#received = Buffer.concat([this.#received, chunk]);
    this.#onData?.();
  }

  static async open(port: number): Promise<RawConnection> {
    const socket = connect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const connection = new RawConnection({ write: (bytes) => socket.write(bytes), destroy: () => socket.destroy() });
    socket.on('data', (chunk: Buffer) => connection.#receive(chunk));
    return connection.#startup();
  }

  /** Through the endpoint's WebSocket proxy at `serverPort`, to the database at `databasePort`. */
  static async openWebSocket(serverPort: number, databasePort: number): Promise<RawConnection> {
    const ws = new WebSocket(`ws://127.0.0.1:${serverPort}/v1?address=127.0.0.1:${databasePort}`);
    await new Promise<void>((resolve, reject) => ws.once('open', () => resolve()).once('error', reject));
    const connection = new RawConnection({ write: (bytes) => ws.send(bytes), destroy: () => ws.terminate() });
    ws.on('message', (data: Buffer) => connection.#receive(data));
    return connection.#startup();
  }

  async #startup(): Promise<RawConnection> {
    const params = Buffer.from('user\0postgres\0database\0postgres\0\0');
    const header = Buffer.alloc(8);
    header.writeInt32BE(8 + params.length, 0);
    header.writeInt32BE(0x0003_0000, 4);
    this.#transport.write(Buffer.concat([header, params]));
    await this.#until('Z');
    return this;
  }

  async simpleQuery(sql: string): Promise<void> {
    this.#transport.write(message('Q', cstring(sql)));
    await this.#until('Z');
  }

  /** Parse, Bind, Execute and Flush, no Sync; waits for a message of type `expect`. */
  async extendedWithoutSync(sql: string, expect: 'C' | 'E'): Promise<void> {
    const noParams = Buffer.alloc(2);
    this.#transport.write(
      Buffer.concat([
        message('P', Buffer.concat([cstring(''), cstring(sql), noParams])),
        message('B', Buffer.concat([cstring(''), cstring(''), noParams, noParams, noParams])),
        message('E', Buffer.concat([cstring(''), Buffer.alloc(4)])),
        message('H', Buffer.alloc(0)),
      ]),
    );
    await this.#until(expect);
  }

  destroy(): void {
    this.#transport.destroy();
  }

  /** Reads messages until one of `type` arrives. */
  #until(type: string): Promise<void> {
    return withTimeout(
      new Promise<void>((resolve) => {
        this.#onData = () => {
          while (this.#received.length >= 5) {
            const length = 1 + this.#received.readInt32BE(1);
            if (this.#received.length < length) return;
            const found = String.fromCharCode(this.#received[0] ?? 0);
            this.#received = this.#received.subarray(length);
            if (found === type) {
              this.#onData = undefined;
              resolve();
              return;
            }
          }
        };
        this.#onData();
      }),
    );
  }
}

function cstring(value: string): Buffer {
  return Buffer.from(`${value}\0`);
}

function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, body]);
}
