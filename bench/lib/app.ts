/**
 * The app as the benchmarks drive it: a signed-up user with a workspace and a page of projects,
 * and the requests of scenarios (b), (c) and (d). Shared by bench/run.ts and bench/profile.ts.
 */
import { randomBytes } from 'node:crypto';
import { type BenchRequest, Client } from './load.ts';

export const benchPassword = 'correct horse battery staple';

/** A fresh client address per request, so the per-IP flood guard never refuses the load. */
export function randomIp(): string {
  const b = randomBytes(3);
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

/** The same origin on 127.0.0.1 (the load generator skips name resolution). */
export function loopbackUrl(url: string): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  return u.origin;
}

export function setCookieValue(headers: Record<string, string | string[] | undefined>): string {
  const raw = headers['set-cookie'];
  const all = Array.isArray(raw) ? raw.join('\n') : (raw ?? '');
  const match = /__Host-session=([^;]+)/.exec(all);
  if (!match) throw new Error(`no session cookie in: ${all}`);
  return `__Host-session=${match[1]}`;
}

export function expectStatus(what: string, res: { status: number; body: string }, status: number): void {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${res.body.slice(0, 500)}`);
}

export interface PreparedApp {
  /** Where requests go (127.0.0.1). */
  url: string;
  email: string;
  cookie: string;
  slug: string;
  /** The origin the app trusts (as configured: localhost), sent as `Origin` on unsafe requests. */
  origin: string;
}

/** One sign-up, one workspace, `projects` projects in it. `appUrl` is the app's configured origin. */
export async function prepareApp(appUrl: string, projects: number): Promise<PreparedApp> {
  const url = loopbackUrl(appUrl);
  const origin = new URL(appUrl).origin;
  const client = new Client(url, 1);
  const post = (path: string, body: unknown, cookie?: string) =>
    client.send({
      method: 'POST',
      path,
      headers: {
        'content-type': 'application/json',
        origin,
        'cf-connecting-ip': randomIp(),
        ...(cookie ? { cookie } : {}),
      },
      body: JSON.stringify(body),
    });
  try {
    const id = randomBytes(4).toString('hex');
    const email = `bench-${id}@example.com`;
    const signup = await post('/api/v1/auth/signup', { email, password: benchPassword, name: 'Bench' });
    expectStatus('sign-up', signup, 201);
    const cookie = setCookieValue(signup.headers);
    const workspace = await post('/api/v1/workspaces', { name: 'Bench', slug: `bench-${id}` }, cookie);
    expectStatus('create workspace', workspace, 201);
    const slug = (JSON.parse(workspace.body) as { slug: string }).slug;
    for (let i = 1; i <= projects; i++) {
      const project = await post(`/api/v1/w/${slug}/projects`, { name: `Project ${i}`, description: 'Seeded by the benchmark' }, cookie);
      expectStatus('create project', project, 201);
    }
    return { url, email, cookie, slug, origin };
  } finally {
    client.close();
  }
}

/** The requests of the app's scenarios: (b) health, (c) list projects, (d) create a project. */
export function appRequests(app: PreparedApp) {
  let created = 0;
  const listPath = `/api/v1/w/${app.slug}/projects?limit=20`;
  const createPath = `/api/v1/w/${app.slug}/projects`;
  return {
    health: (): BenchRequest => ({ method: 'GET', path: '/health', headers: { 'cf-connecting-ip': randomIp() } }),
    list: (): BenchRequest => ({
      method: 'GET',
      path: listPath,
      headers: { cookie: app.cookie, 'cf-connecting-ip': randomIp() },
    }),
    create: (): BenchRequest => ({
      method: 'POST',
      path: createPath,
      headers: { cookie: app.cookie, origin: app.origin, 'content-type': 'application/json', 'cf-connecting-ip': randomIp() },
      body: JSON.stringify({ name: `Load ${++created}`, description: 'Created under load' }),
    }),
  };
}
