import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as a stand-in received it, readable back at `GET /__received`. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
}

export interface FakeMailServer {
  url: string;
  port: number;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

interface Answer {
  status: number;
  body: unknown;
}

type Handler = (request: ReceivedRequest) => Answer;

const maxBodyBytes = 1024 * 1024;

/**
 * Recipients whose local part (before any `+tag`) names a failure make the stand-ins fail the way the provider would:
 * `rate-limited@…` (429), `server-error@…` (500, not JSON), `flaky-<n>@…` (500 to the first n
 * requests for that exact address, then accepted: an outage that ends), `refused@…` (the provider's
 * permanent refusal of the address: Resend's 422 `validation_error`, Postmark's 422 code 300), and
 * for Postmark `inactive@…` (422, code 406) and `odd-ok@…` (200 with a non-zero ErrorCode).
 */
const localPart = (address: unknown) => (typeof address === 'string' ? (address.split('@')[0]?.split('+')[0] ?? '') : '');

/** Requests seen per `flaky-<n>` address, so that the first n fail and the rest succeed. */
const flakyCounts = new Map<string, number>();

/** Whether this request to a `flaky-<n>@…` address is one of its first n (failed) ones. */
function failsWhileFlaky(address: unknown): boolean {
  const match = /^flaky-(\d+)$/.exec(localPart(address));
  if (!match || typeof address !== 'string') return false;
  const seen = (flakyCounts.get(address) ?? 0) + 1;
  flakyCounts.set(address, seen);
  return seen <= Number(match[1]);
}

/**
 * A local stand-in for Resend's `POST /emails`: Bearer key, `{ from, to, subject, html | text }`
 * with `to` a string or an array of up to 50 addresses, answering `{ id }`, or
 * `{ statusCode, name, message }` with 401 (no key), 403 (wrong key), 422 (invalid body or address), 429.
 */
export function startFakeResend({ port, apiKey, host = '127.0.0.1' }: { port: number; apiKey: string; host?: string }) {
  return serve(port, host, (request) => {
    const error = (statusCode: number, name: string, message: string): Answer => ({
      status: statusCode,
      body: { statusCode, name, message },
    });
    if (request.method !== 'POST' || request.path !== '/emails') return error(404, 'not_found', 'The requested endpoint does not exist.');
    const auth = request.headers.authorization;
    if (!auth) return error(401, 'missing_api_key', 'Missing API key in the authorization header.');
    if (auth !== `Bearer ${apiKey}`) return error(403, 'invalid_api_key', 'API key is invalid');
    const body = request.body as Record<string, unknown> | null;
    if (!body || typeof body !== 'object') return error(422, 'validation_error', 'Invalid JSON body.');
    const to = Array.isArray(body.to) ? body.to : [body.to];
    if (typeof body.from !== 'string') return error(422, 'missing_required_field', 'Missing `from` field.');
    if (to.length === 0 || to.length > 50 || !to.every((t) => typeof t === 'string')) {
      return error(422, 'validation_error', 'Invalid `to` field.');
    }
    if (typeof body.subject !== 'string') return error(422, 'missing_required_field', 'Missing `subject` field.');
    if (typeof body.html !== 'string' && typeof body.text !== 'string') {
      return error(422, 'missing_required_field', 'Missing `html` or `text` field.');
    }
    const who = localPart(to[0]);
    if (who === 'rate-limited') return error(429, 'rate_limit_exceeded', 'Too many requests. You can only make 2 requests per second.');
    if (who === 'server-error' || failsWhileFlaky(to[0])) return { status: 500, body: 'Internal Server Error' };
    if (who === 'refused') {
      return error(
        422,
        'validation_error',
        'Invalid `to` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.',
      );
    }
    return { status: 200, body: { id: randomUUID() } };
  });
}

/**
 * A local stand-in for Postmark's `POST /email`: `X-Postmark-Server-Token`,
 * `{ From, To, Subject, HtmlBody | TextBody, MessageStream }`, answering
 * `{ To, SubmittedAt, MessageID, ErrorCode: 0, Message: 'OK' }`, or `{ ErrorCode, Message }` with
 * 401 (code 10, bad token) or 422 (code 300 invalid request or address, 406 inactive recipient).
 */
export function startFakePostmark({ port, serverToken, host = '127.0.0.1' }: { port: number; serverToken: string; host?: string }) {
  return serve(port, host, (request) => {
    const error = (status: number, ErrorCode: number, Message: string): Answer => ({ status, body: { ErrorCode, Message } });
    if (request.method !== 'POST' || request.path !== '/email') return error(404, 404, 'Not found.');
    if (request.headers['x-postmark-server-token'] !== serverToken) {
      return error(401, 10, 'Request does not contain a valid Server token.');
    }
    const body = request.body as Record<string, unknown> | null;
    if (!body || typeof body !== 'object') return error(422, 402, 'Invalid JSON');
    if (typeof body.From !== 'string' || typeof body.To !== 'string' || typeof body.Subject !== 'string') {
      return error(422, 300, 'Invalid email request');
    }
    if (typeof body.HtmlBody !== 'string' && typeof body.TextBody !== 'string') {
      return error(422, 300, 'Provide either email TextBody or HtmlBody or both.');
    }
    const who = localPart(body.To);
    if (who === 'inactive') {
      return error(422, 406, 'You tried to send to recipient(s) that have been marked as inactive.');
    }
    if (who === 'refused') return error(422, 300, `Invalid 'To' address: '${body.To}'.`);
    if (who === 'rate-limited') return error(429, 429, 'Rate limit exceeded.');
    if (who === 'server-error' || failsWhileFlaky(body.To)) return { status: 500, body: 'Internal Server Error' };
    if (who === 'odd-ok') return { status: 200, body: { ErrorCode: 300, Message: 'Invalid email request' } };
    return {
      status: 200,
      body: { To: body.To, SubmittedAt: new Date().toISOString(), MessageID: randomUUID(), ErrorCode: 0, Message: 'OK' },
    };
  });
}

async function serve(port: number, host: string, handle: Handler): Promise<FakeMailServer> {
  const received: ReceivedRequest[] = [];
  const server: Server = createServer((req, res) => {
    void respond(req, res, handle, received).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
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
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function respond(req: IncomingMessage, res: ServerResponse, handle: Handler, received: ReceivedRequest[]) {
  const path = new URL(req.url ?? '/', 'http://fake').pathname;
  if (req.method === 'GET' && path === '/__received') return send(res, { status: 200, body: received });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) return send(res, { status: 413, body: { message: 'Body too large' } });
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    body = req.headers['content-type']?.startsWith('application/json') ? null : text;
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value;
  const request: ReceivedRequest = { method: req.method ?? 'GET', path, headers, body };
  received.push(request);
  return send(res, handle(request));
}

function send(res: ServerResponse, { status, body }: Answer) {
  const json = typeof body !== 'string';
  res.writeHead(status, { 'content-type': json ? 'application/json' : 'text/plain' });
  res.end(json ? JSON.stringify(body) : body);
}
