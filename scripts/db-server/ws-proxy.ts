import type { IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';

/**
 * Neon's WebSocket-to-TCP proxy (`GET /v1?address=host:port`), which `@neondatabase/serverless`
 * uses for `Pool` and `Client`: binary frames are piped both ways to the database's TCP port.
 */

export interface DatabaseAddress {
  host: string;
  port: number;
}

export interface WsProxyOptions {
  /** The only database this proxy connects to (the address clients must name). */
  database: DatabaseAddress;
  /** Opens a connection to it; a TCP connection to `database` unless given (PGlite is reached in-process). */
  connect?: () => Duplex;
  onConnection(): void;
  onMessage(): void;
}

export interface WsProxy {
  /** Takes an HTTP upgrade request; refuses it unless it asks for the configured database. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** WebSocket connections open right now. */
  openConnections(): number;
  close(): Promise<void>;
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function createWsProxy(options: WsProxyOptions): WsProxy {
  const server = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const { database } = options;
  const openConnection =
    options.connect ??
    (() => {
      const socket = connect({ host: database.host, port: database.port });
      socket.setNoDelay(true);
      return socket;
    });

  server.on('connection', (ws: WebSocket) => {
    options.onConnection();
    const upstream = openConnection();
    upstream.on('data', (data: Buffer) => {
      if (ws.readyState === ws.OPEN) ws.send(data, { binary: true });
    });
    upstream.on('error', () => ws.terminate());
    upstream.on('close', () => ws.close());
    ws.on('message', (data: RawData) => {
      options.onMessage();
      upstream.write(toBuffer(data));
    });
    ws.on('error', () => upstream.destroy());
    ws.on('close', () => upstream.end());
  });

  return {
    handleUpgrade(request, socket, head) {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const address = url.searchParams.get('address');
      if (url.pathname !== '/v1' || !address || !isConfiguredDatabase(address, database)) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      server.handleUpgrade(request, socket, head, (ws) => server.emit('connection', ws, request));
    },
    openConnections: () => server.clients.size,
    close() {
      for (const ws of server.clients) ws.terminate();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Clients name the database by the host in their connection string; loopback aliases are one host. */
function isConfiguredDatabase(address: string, database: DatabaseAddress): boolean {
  const separator = address.lastIndexOf(':');
  if (separator <= 0) return false;
  const host = address.slice(0, separator).toLowerCase();
  const port = Number(address.slice(separator + 1));
  if (port !== database.port) return false;
  const configured = database.host.toLowerCase();
  return host === configured || (LOOPBACK_NAMES.has(host) && LOOPBACK_NAMES.has(configured));
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
