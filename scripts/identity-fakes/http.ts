import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface Request {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  /** Form fields (application/x-www-form-urlencoded) or parsed JSON. */
  form: URLSearchParams;
  json: unknown;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type Handler = (request: Request) => Promise<Reply> | Reply;

const maxBodyBytes = 256 * 1024;

/** A small loopback HTTP server for a provider stand-in; the handler sees a parsed request. */
export async function serve(port: number, host: string, handle: Handler): Promise<FakeServer> {
  const server: Server = createServer((req, res) => {
    void respond(req, res, handle).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(error instanceof Error ? error.message : 'error');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function respond(req: IncomingMessage, res: ServerResponse, handle: Handler) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) return send(res, { status: 413, body: { error: 'too_large' } });
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const type = req.headers['content-type'] ?? '';
  let json: unknown = null;
  if (type.startsWith('application/json') || /^application\/[\w.-]+\+json/.test(type)) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  const form = type.startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(text) : new URLSearchParams();
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  send(res, await handle({ method: req.method ?? 'GET', url, headers: req.headers, form, json }));
}

function send(res: ServerResponse, reply: Reply) {
  const headers = { ...reply.headers };
  let body = '';
  if (typeof reply.body === 'string') {
    body = reply.body;
    headers['content-type'] ??= 'text/html; charset=utf-8';
  } else if (reply.body !== undefined) {
    body = JSON.stringify(reply.body);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  res.writeHead(reply.status, headers);
  res.end(body);
}

export const redirect = (location: string): Reply => ({ status: 302, headers: { location } });

/** Client credentials from HTTP Basic (RFC 6749 2.3.1) or the form body. */
export function clientCredentials(request: Request): { id: string; secret: string } | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  }
  const id = request.form.get('client_id');
  const secret = request.form.get('client_secret');
  return id && secret ? { id, secret } : null;
}

export const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** base64url(SHA-256(verifier)): the S256 PKCE challenge (RFC 7636 4.2). */
export async function s256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return Buffer.from(digest).toString('base64url');
}

/** An authorization code issued by a stand-in, spent by its first exchange. */
export interface IssuedCode<T> {
  clientId: string;
  redirectUri: string;
  codeChallenge: string | null;
  expiresAt: number;
  grant: T;
}

export class CodeStore<T> {
  readonly #codes = new Map<string, IssuedCode<T>>();

  issue(entry: Omit<IssuedCode<T>, 'expiresAt'>): string {
    const code = crypto.randomUUID().replaceAll('-', '');
    this.#codes.set(code, { ...entry, expiresAt: Date.now() + 60_000 });
    return code;
  }

  /** Single use: the code is gone after this, whatever the outcome. */
  take(code: string | null): IssuedCode<T> | null {
    if (!code) return null;
    const entry = this.#codes.get(code);
    this.#codes.delete(code);
    return entry && entry.expiresAt > Date.now() ? entry : null;
  }
}

/** The HTML page where the stand-in asks who signs in (the e2e test fills it; API tests post it directly). */
export function consentPage(title: string, action: string, hidden: Record<string, string>, fields: string): string {
  const inputs = Object.entries(hidden)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body><main><h1>${escapeHtml(title)}</h1><form method="post" action="${escapeHtml(action)}">${inputs}${fields}
<button type="submit" name="decision" value="allow">Continue</button>
<button type="submit" name="decision" value="deny">Cancel</button></form></main></body></html>`;
}
