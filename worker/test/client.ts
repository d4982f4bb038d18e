import { exports } from 'cloudflare:workers';
import type { Bindings } from '../env.ts';
import { ownerSql } from './db.ts';

export const origin = 'http://localhost:8787';

export interface CallOptions {
  body?: unknown;
  rawBody?: BodyInit;
  cookie?: string;
  apiKey?: string;
  headers?: Record<string, string>;
  ip?: string;
  /**
   * Serve the request with these bindings (e.g. `countingEnv()`'s) instead of the worker's own; the
   * call then waits for the work the response left behind (`waitUntil`) as well.
   */
  env?: Bindings;
  /** `manual` returns a redirect as it is instead of following it (a redirect to the worker itself is followed by default). */
  redirect?: 'follow' | 'manual';
}

/** Sends a request through the real worker entry (the whole chain), like a browser on our origin. */
export async function call(method: string, path: string, options: CallOptions = {}) {
  const headers = new Headers(options.headers);
  if (!headers.has('cf-connecting-ip')) headers.set('cf-connecting-ip', options.ip ?? randomIp());
  if (options.cookie) headers.set('cookie', options.cookie);
  if (options.apiKey) headers.set('authorization', `Bearer ${options.apiKey}`);
  if (method !== 'GET' && !headers.has('origin') && !options.apiKey) headers.set('origin', origin);
  let body: BodyInit | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  const request = new Request(`${origin}${path}`, { method, headers, body, redirect: options.redirect });
  const response = options.env ? await fetchWith(options.env, request) : await exports.default.fetch(request);
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, text, json: json as Record<string, any> };
}

/** The same worker entry, handed other bindings. */
async function fetchWith(bindings: Bindings, request: Request): Promise<Response> {
  const [{ default: worker }, { createExecutionContext, waitOnExecutionContext }] = await Promise.all([
    import('../index.ts'),
    import('cloudflare:test'),
  ]);
  const ctx = createExecutionContext();
  const response = await worker.fetch(request, bindings, ctx);
  const settled = new Response(await response.arrayBuffer(), response);
  await waitOnExecutionContext(ctx);
  return settled;
}

/** A fresh address per caller, so per-IP limits of one test never touch another. */
export function randomIp(): string {
  const b = crypto.getRandomValues(new Uint8Array(3));
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

export const unique = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

export function sessionCookieFrom(headers: Headers): string {
  const setCookie = headers.get('set-cookie') ?? '';
  const match = /__Host-session=([^;]+)/.exec(setCookie);
  if (!match) throw new Error(`no session cookie in: ${setCookie}`);
  return `__Host-session=${match[1]}`;
}

/**
 * A new account, signed in. Its address counts as verified (as if the mailed link had been used)
 * unless `verified: false`, since API keys, billing and invitations require a verified address.
 */
export async function signUp(name = 'Ada', { verified = true }: { verified?: boolean } = {}) {
  const email = `${unique('user')}@example.com`;
  const password = 'correct horse battery staple';
  const res = await call('POST', '/api/v1/auth/signup', { body: { email, password, name } });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${res.text}`);
  if (verified) await ownerSql()`update "user" set email_verified_at = now() where email = ${email}`;
  return { email, password, cookie: sessionCookieFrom(res.headers), user: res.json.user as { id: string } };
}

export async function createWorkspace(cookie: string, name = 'Acme') {
  const slug = unique('ws');
  const res = await call('POST', '/api/v1/workspaces', { cookie, body: { name, slug } });
  if (res.status !== 201) throw new Error(`workspace failed: ${res.status} ${res.text}`);
  return res.json as { id: string; slug: string };
}
