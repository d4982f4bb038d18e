import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local webhook receiver for the tests. `POST /hooks/<behaviour>/<name>` records the request and
 * answers as told by `<behaviour>`:
 *   ok           204
 *   fail         500 with a body
 *   big          200 with a 10 KiB body
 *   slow         nothing for 12 seconds (past the sender's 10-second timeout), then 204
 *   gone         410
 *   redirect     302 to /hooks/ok/<name>
 *   retry-after  503 with `Retry-After: 120`
 * `GET /__received/<name>` lists what reached `<name>` (any behaviour): method, headers, raw body.
 */
export interface ReceivedRequest {
  behaviour: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: string;
}

export interface WebhookReceiver {
  url: string;
  close(): Promise<void>;
}

export async function startWebhookReceiver({ port, host = '127.0.0.1' }: { port: number; host?: string }): Promise<WebhookReceiver> {
  const received = new Map<string, ReceivedRequest[]>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', `http://${host}`);
      const listing = /^\/__received\/([^/]+)$/.exec(url.pathname);
      if (req.method === 'GET' && listing?.[1]) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(received.get(listing[1]) ?? []));
        return;
      }
      const hook = /^\/hooks\/([a-z-]+)\/([^/]+)$/.exec(url.pathname);
      if (req.method !== 'POST' || !hook?.[1] || !hook[2]) {
        res.writeHead(404).end();
        return;
      }
      const [, behaviour, name] = hook;
      const entry = { behaviour, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: new Date().toISOString() };
      const list = received.get(name) ?? [];
      list.push(entry);
      received.set(name, list);
      switch (behaviour) {
        case 'ok':
          res.writeHead(204).end();
          return;
        case 'fail':
          res.writeHead(500, { 'content-type': 'text/plain' }).end('receiver failed on purpose');
          return;
        case 'big':
          res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(10 * 1024));
          return;
        case 'slow':
          setTimeout(() => res.writeHead(204).end(), 12_000).unref();
          return;
        case 'gone':
          res.writeHead(410).end();
          return;
        case 'redirect':
          res.writeHead(302, { location: `/hooks/ok/${name}` }).end();
          return;
        case 'retry-after':
          res.writeHead(503, { 'retry-after': '120' }).end();
          return;
        default:
          res.writeHead(400).end(`unknown behaviour ${behaviour}`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
