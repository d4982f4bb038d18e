import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, ErrorReply, MultiErrorReply, RESP_TYPES } from 'redis';
import { type PreparedCommand, ScriptTable } from './scripts.ts';

export interface UpstashBridgeOptions {
  /** 0 picks a free port; read it back from `UpstashBridge.port`. */
  port: number;
  token: string;
  redisUrl: string;
  host?: string;
}

export interface UpstashBridge {
  url: string;
  port: number;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  body: unknown;
}

// Commands that would change the state of, or block, the one connection every request shares.
const refused = new Set(
  [
    'AUTH BLMOVE BLMPOP BLPOP BRPOP BRPOPLPUSH BZMPOP BZPOPMAX BZPOPMIN DISCARD EXEC HELLO MONITOR MULTI',
    'PSUBSCRIBE PUNSUBSCRIBE QUIT RESET SELECT SSUBSCRIBE SUBSCRIBE SUNSUBSCRIBE UNSUBSCRIBE UNWATCH WAIT WATCH',
  ]
    .join(' ')
    .split(' '),
);
const maxBodyBytes = 16 * 1024 * 1024;

class BadRequest extends Error {}

/**
 * A local stand-in for Upstash's Redis REST API in front of a real Redis, for development and tests:
 * `POST /` runs one command, `POST /pipeline` several, `POST /multi-exec` several in a transaction.
 * Answers `{ result }` or `{ error }`; with `Upstash-Encoding: base64` (what `@upstash/redis`
 * asks for) every string in a result is base64. Lua shebang flags only Upstash knows are dropped.
 *
 * @example
 * const bridge = await startUpstashBridge({ port: 8079, token: 'dev-token', redisUrl: 'redis://127.0.0.1:6379' });
 * const redis = new Redis({ url: bridge.url, token: 'dev-token' }); // from @upstash/redis
 * await bridge.close();
 */
export async function startUpstashBridge(options: UpstashBridgeOptions): Promise<UpstashBridge> {
  // RESP2: its replies (flat arrays, no maps) are the shapes Upstash's JSON answers carry.
  const client = createClient({ url: options.redisUrl, RESP: 2 });
  client.on('error', (error: unknown) => {
    console.error(`[upstash-bridge] redis: ${error instanceof Error ? error.message : String(error)}`);
  });
  await client.connect();
  const redis = client.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
  const scripts = new ScriptTable();
  const expectedAuth = digest(`Bearer ${options.token}`);

  const run = async ({ args, reply }: PreparedCommand) => reply(await redis.sendCommand(args));

  async function transaction(commands: PreparedCommand[]): Promise<unknown[]> {
    const multi = redis.multi();
    for (const command of commands) multi.addCommand(command.args);
    try {
      const replies: unknown[] = await multi.exec();
      return replies.map((value, i) => commands[i]?.reply(value));
    } catch (error) {
      if (error instanceof MultiErrorReply) return error.replies.map((value, i) => replyOrError(value, commands[i]));
      throw error;
    }
  }

  async function answer(request: IncomingMessage): Promise<Answer> {
    if (request.method !== 'POST') return { status: 405, body: { error: 'ERR only POST is supported' } };
    const authorization = request.headers.authorization;
    if (!authorization || !timingSafeEqual(digest(authorization), expectedAuth)) {
      return { status: 401, body: { error: 'Unauthorized' } };
    }
    const base64 = String(request.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64';
    const path = new URL(request.url ?? '/', 'http://bridge').pathname.replace(/\/+$/, '') || '/';
    const body = await readJson(request);

    if (path === '/') {
      return { status: 200, body: { result: encode(await run(scripts.prepare(toCommand(body))), base64) } };
    }
    if (path !== '/pipeline' && path !== '/multi-exec') return { status: 404, body: { error: 'ERR unknown endpoint' } };
    if (!Array.isArray(body) || body.length === 0) throw new BadRequest('ERR expected a non-empty array of commands');
    const commands = body.map((command) => scripts.prepare(toCommand(command)));
    const replies =
      path === '/pipeline'
        ? await Promise.all(commands.map((command) => run(command).catch((error: unknown) => asErrorReply(error))))
        : await transaction(commands);
    return { status: 200, body: replies.map((value) => entry(value, base64)) };
  }

  const http = createServer((request: IncomingMessage, response: ServerResponse) => {
    // Every failure of the answer becomes a reply above; nothing is left to await.
    void answer(request)
      .catch((error: unknown): Answer => {
        // A Redis error reply is the client's mistake (400, as Upstash answers); anything else is ours.
        if (error instanceof BadRequest || error instanceof ErrorReply) {
          return { status: 400, body: { error: error.message } };
        }
        return { status: 500, body: { error: `ERR ${error instanceof Error ? error.message : String(error)}` } };
      })
      .then(({ status, body }) => {
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
    });
  } catch (error) {
    await client.close();
    throw error;
  }
  const { port } = http.address() as AddressInfo;

  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    async close() {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await client.close();
    },
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function toCommand(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) throw new BadRequest('ERR a command is a non-empty JSON array');
  const command = value.map((part: unknown) => {
    if (typeof part === 'string') return part;
    if (typeof part === 'number' || typeof part === 'boolean') return String(part);
    throw new BadRequest('ERR command arguments must be strings or numbers');
  });
  const name = (command[0] ?? '').toUpperCase();
  if (refused.has(name)) throw new BadRequest(`ERR ${name} is not supported over REST`);
  return command;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maxBodyBytes) throw new BadRequest('ERR request body too large');
    chunks.push(buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BadRequest('ERR the body must be JSON');
  }
}

function asErrorReply(error: unknown): ErrorReply {
  if (error instanceof ErrorReply) return error;
  return new ErrorReply(error instanceof Error ? error.message : String(error));
}

function replyOrError(value: unknown, command: PreparedCommand | undefined): unknown {
  return value instanceof ErrorReply || !command ? value : command.reply(value);
}

function entry(value: unknown, base64: boolean): { result: unknown } | { error: string } {
  return value instanceof ErrorReply ? { error: value.message } : { result: encode(value, base64) };
}

/** Upstash's base64 response encoding: every string, at any depth, as base64 of its bytes. */
function encode(value: unknown, base64: boolean): unknown {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return base64 ? value.toString('base64') : value.toString('utf8');
  if (typeof value === 'string') return base64 ? Buffer.from(value, 'utf8').toString('base64') : value;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map((item: unknown) => encode(item, base64));
  if (value instanceof ErrorReply) return encode(value.message, base64);
  return encode(String(value), base64);
}
