import { env, exports } from 'cloudflare:workers';
import { call, origin, randomIp } from '../../test/client.ts';

/**
 * Test support (imported by tests only): drives the provider stand-ins the global test setup
 * starts (scripts/identity-fakes) the way a browser would, answering their consent pages by post.
 */
const bindings = env as unknown as Record<string, string>;
export const idpUrl = bindings.TEST_OIDC_IDP_URL as string;
export const dohUrl = new URL(bindings.DNS_RESOLVER_URL as string).origin;

/** `name=value` of every cookie set by a response (attributes dropped). */
export function setCookies(headers: Headers): Map<string, string> {
  const lines = typeof headers.getSetCookie === 'function' ? headers.getSetCookie() : [headers.get('set-cookie') ?? ''];
  const jar = new Map<string, string>();
  for (const line of lines) {
    const [pair] = line.split(';');
    const eq = pair?.indexOf('=') ?? -1;
    if (pair && eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return jar;
}

export interface Started {
  authorizationUrl: URL;
  /** The state cookie as a `Cookie` header pair. */
  stateCookie: string;
  cookieName: string;
}

/** POST …/start and keep what the browser would: the URL to visit and the state cookie. */
export async function startAt(path: string, body: Record<string, unknown>, cookie?: string): Promise<Started> {
  const res = await call('POST', path, { body, ...(cookie ? { cookie } : {}) });
  if (res.status !== 200) throw new Error(`start failed: ${res.status} ${res.text}`);
  const jar = setCookies(res.headers);
  const [cookieName, value] = [...jar.entries()].find(([name]) => name.startsWith('__Host-oauth-') || name.startsWith('__Host-sso-')) ?? [];
  if (!cookieName || !value) throw new Error('no state cookie was set');
  return { authorizationUrl: new URL(res.json.authorization_url as string), stateCookie: `${cookieName}=${value}`, cookieName };
}

export const startOAuth = (provider: 'google' | 'github', body: Record<string, unknown> = {}, cookie?: string) =>
  startAt(`/api/v1/auth/oauth/${provider}/start`, body, cookie);

export interface ConsentAnswer {
  email: string;
  verified?: boolean;
  name?: string;
  /** Google: the `sub`; GitHub: the numeric id. Defaults derive from the email / login. */
  subject?: string;
  login?: string;
  deny?: boolean;
  /** Google stand-in only: issue a bad ID token. */
  tamper?: 'audience' | 'issuer' | 'nonce' | 'signature' | 'expired';
}

/** Answers the stand-in's consent page; returns where it sends the browser (our callback). */
export async function consent(authorizationUrl: URL, answer: ConsentAnswer): Promise<URL> {
  const form = new URLSearchParams(authorizationUrl.searchParams);
  form.set('login_email', answer.email);
  if (answer.verified !== false) form.set('login_email_verified', 'true');
  if (answer.name) form.set('login_name', answer.name);
  if (answer.subject) {
    form.set('login_sub', answer.subject);
    form.set('login_id', answer.subject);
  }
  form.set('login_login', answer.login ?? answer.email.split('@')[0] ?? 'octocat');
  if (answer.tamper) form.set('tamper', answer.tamper);
  form.set('decision', answer.deny ? 'deny' : 'allow');
  const res = await fetch(new URL(authorizationUrl.pathname, authorizationUrl.origin), {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) throw new Error(`consent failed: ${res.status} ${await res.text()}`);
  return new URL(location);
}

/** Delivers the provider's redirect to our callback with the browser's cookies (and any other headers a client adds). */
export async function deliver(callback: URL, cookies: Array<string | undefined>, extraHeaders: Record<string, string> = {}) {
  const cookie = cookies.filter(Boolean).join('; ');
  const headers = new Headers({ 'cf-connecting-ip': randomIp(), ...extraHeaders });
  if (cookie) headers.set('cookie', cookie);
  // A browser shows the redirect; it is not followed here, so the test sees where it points.
  const res = await exports.default.fetch(new Request(`${origin}${callback.pathname}${callback.search}`, { headers, redirect: 'manual' }));
  await res.arrayBuffer();
  const location = res.headers.get('location') ?? '';
  const session = setCookies(res.headers).get('__Host-session');
  return {
    status: res.status,
    location,
    /** `?error=` of a failure redirect, or null. */
    error: new URL(location || '/', 'http://x').searchParams.get('error'),
    sessionCookie: session ? `__Host-session=${session}` : null,
    headers: res.headers,
  };
}

/** One whole round trip: start, consent at the provider, back to the callback. */
export async function signInWith(
  provider: 'google' | 'github',
  answer: ConsentAnswer,
  options: { next?: string; cookie?: string; intent?: 'link' } = {},
) {
  const started = await startOAuth(
    provider,
    { ...(options.next ? { next: options.next } : {}), ...(options.intent ? { intent: options.intent } : {}) },
    options.cookie,
  );
  const callback = await consent(started.authorizationUrl, answer);
  return deliver(callback, [started.stateCookie, options.cookie]);
}

/**
 * Follows the real OpenID Provider's redirects (its own cookies kept, as a browser would) from the
 * authorization URL to the redirect back to us; the IdP signs in the `login_hint` account.
 */
export async function throughIdp(authorizationUrl: URL): Promise<URL> {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  for (let hop = 0; hop < 10; hop++) {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const [k, v] of setCookies(res.headers)) jar.set(k, v);
    const location = res.headers.get('location');
    if (!location) throw new Error(`the IdP stopped at ${url} with ${res.status}: ${(await res.text()).slice(0, 300)}`);
    const next = new URL(location, url);
    if (next.origin !== idpUrl) return next;
    url = next;
  }
  throw new Error('too many redirects at the IdP');
}

/** Registers a client at the OpenID Provider (RFC 7591) for this redirect URI. */
export async function registerIdpClient(redirectUri: string): Promise<{ client_id: string; client_secret: string }> {
  const res = await fetch(`${idpUrl}/reg`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }),
  });
  if (res.status !== 201) throw new Error(`client registration failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { client_id: string; client_secret: string };
}

export async function setIdpClaims(login: string, claims: Record<string, unknown>) {
  await fetch(`${idpUrl}/__accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, claims }),
  });
}

export async function publishTxt(name: string, value: string) {
  const res = await fetch(`${dohUrl}/__records`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, value }),
  });
  if (res.status !== 204) throw new Error(`could not publish TXT: ${res.status}`);
}
