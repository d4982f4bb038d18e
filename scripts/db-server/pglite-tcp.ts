import { createServer, type Socket } from 'node:net';
import { type Duplex, duplexPair } from 'node:stream';
import { listenOnLoopback } from './listen.ts';
import type { ClientId, SessionLock } from './session-lock.ts';
import { FrontendFramer, type FrontendMessage, TERMINATE } from './wire.ts';

export interface PgliteTcpServer {
  port: number;
  close(): Promise<void>;
}

/**
 * Serves one PGlite (through its session lock) over the Postgres wire protocol on 127.0.0.1, to any number of clients,
 * sharing its session through a {@link SessionLock}. PGlite trusts every startup packet, so any
 * user name and password are accepted and the session always runs as `postgres`.
 *
 * The framing is done here rather than with pglite-socket's handler so that each connection's
 * messages run strictly one after another, Terminate never reaches PGlite, and the lock can be
 * handed back only after the connection's last message has finished.
 */
export async function startPgliteTcp(lock: SessionLock, port: number): Promise<PgliteTcpServer> {
  const sockets = new Set<Socket>();

  const server = createServer((socket) => {
    sockets.add(socket);
    serveConnection(socket, lock.newClient(), lock);
    socket.on('close', () => sockets.delete(socket));
  });
  await listenOnLoopback(server, port);
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('unexpected server address');

  return {
    port: address.port,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      lock.refuseAll(new Error('server closing'));
      await closed;
    },
  };
}

/**
 * A connection to the same session without a socket, for clients in this process (the WebSocket
 * proxy): the stream speaks the Postgres protocol exactly as the TCP port does.
 */
export function connectInProcess(lock: SessionLock): Duplex {
  // As with a socket: either side ending ends both, and a destroyed side closes the other (a pair does not pass that on).
  const [client, server] = duplexPair({ allowHalfOpen: false });
  server.on('close', () => client.destroy());
  client.on('close', () => server.destroy());
  serveConnection(server, lock.newClient(), lock);
  return client;
}

function serveConnection(socket: Duplex, client: ClientId, lock: SessionLock): void {
  if ('setNoDelay' in socket) (socket as Socket).setNoDelay(true);
  const framer = new FrontendFramer();
  // Messages run one at a time and in order; the lock is given back only after the last one.
  let work: Promise<void> = Promise.resolve();
  let broken = false;
  const write = (data: Uint8Array) => {
    if (socket.writable) socket.write(Buffer.from(data));
  };

  const handle = async (message: FrontendMessage): Promise<void> => {
    if (broken) return;
    switch (message.kind) {
      case 'encryption-request':
        write(Buffer.from('N'));
        return;
      case 'cancel-request':
        // PGlite runs each message to completion, so there is never anything to cancel.
        socket.end();
        return;
      case 'startup':
        await lock.execute(client, message.bytes, write);
        return;
      case 'typed':
        if (message.type === TERMINATE) {
          socket.end();
          return;
        }
        await lock.execute(client, message.bytes, write);
    }
  };

  socket.on('data', (chunk: Buffer) => {
    let messages: FrontendMessage[];
    try {
      messages = framer.push(chunk);
    } catch {
      broken = true;
      socket.destroy();
      return;
    }
    for (const message of coalesced(messages)) {
      work = work
        .then(() => handle(message))
        .catch(() => {
          broken = true;
          socket.destroy();
        });
    }
  });
  socket.on('error', () => socket.destroy());
  socket.on('close', () => {
    work = work.then(() => lock.abandon(client)).catch(() => undefined);
  });
}

/**
 * Consecutive typed messages that arrived together (a driver's Parse, Bind, Describe, Execute, Sync)
 * go to PGlite in one call: it runs a buffer of messages in order, and each call has a fixed cost.
 * Terminate stays apart, since it must never reach PGlite.
 */
function coalesced(messages: FrontendMessage[]): FrontendMessage[] {
  const out: FrontendMessage[] = [];
  let run: Uint8Array[] = [];
  let firstType = 0;
  const flush = () => {
    if (run.length === 0) return;
    out.push({ kind: 'typed', type: firstType, bytes: run.length === 1 ? (run[0] as Uint8Array) : Buffer.concat(run) });
    run = [];
  };
  for (const message of messages) {
    if (message.kind === 'typed' && message.type !== TERMINATE) {
      if (run.length === 0) firstType = message.type;
      run.push(message.bytes);
      continue;
    }
    flush();
    out.push(message);
  }
  flush();
  return out;
}
