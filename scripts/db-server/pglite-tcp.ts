import { createServer, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { listenOnLoopback } from './listen.ts';
import { type ClientId, SessionLock } from './session-lock.ts';
import { FrontendFramer, type FrontendMessage, TERMINATE } from './wire.ts';

export interface PgliteTcpServer {
  port: number;
  close(): Promise<void>;
}

/**
 * Serves one PGlite over the Postgres wire protocol on 127.0.0.1, to any number of clients,
 * sharing its session through a {@link SessionLock}. PGlite trusts every startup packet, so any
 * user name and password are accepted and the session always runs as `postgres`.
 *
 * The framing is done here rather than with pglite-socket's handler so that each connection's
 * messages run strictly one after another, Terminate never reaches PGlite, and the lock can be
 * handed back only after the connection's last message has finished.
 */
export async function startPgliteTcp(db: PGlite, port: number): Promise<PgliteTcpServer> {
  await db.waitReady;
  const lock = new SessionLock(db);
  const sockets = new Set<Socket>();
  let nextClient: ClientId = 1;

  const server = createServer((socket) => {
    sockets.add(socket);
    serveConnection(socket, nextClient++, lock);
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

function serveConnection(socket: Socket, client: ClientId, lock: SessionLock): void {
  socket.setNoDelay(true);
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
    for (const message of messages) {
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
