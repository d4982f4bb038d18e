/**
 * The app as the benchmarks drive it: a signed-up user with a workspace and a page of projects,
 * and the requests of scenarios (b), (c) and (d). Shared by bench/run.ts and bench/profile.ts.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
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

/**
 * `count` API keys of the prepared workspace (member role). Keys need a verified address: the bench
 * marks it verified in the database, as if the mailed link had been used.
 */
export async function addApiKeys(app: PreparedApp, postgresUrl: string, count: number): Promise<string[]> {
  const db = new pg.Client({ connectionString: postgresUrl });
  await db.connect();
  try {
    await db.query('update "user" set email_verified_at = now() where email = $1', [app.email]);
  } finally {
    await db.end();
  }
  const client = new Client(app.url, 1);
  try {
    const keys: string[] = [];
    for (let i = 1; i <= count; i++) {
      const created = await client.send({
        method: 'POST',
        path: `/api/v1/w/${app.slug}/api-keys`,
        headers: { 'content-type': 'application/json', origin: app.origin, cookie: app.cookie, 'cf-connecting-ip': randomIp() },
        body: JSON.stringify({ name: `bench ${i}`, role: 'member' }),
      });
      expectStatus('create API key', created, 201);
      keys.push((JSON.parse(created.body) as { key: string }).key);
    }
    return keys;
  } finally {
    client.close();
  }
}

/**
 * A second workspace of the prepared person, put on Pro with a running manual subscription (its trial
 * removed), so its creates meet a project limit (50) that the trial's Team plan does not have.
 */
export async function addLimitedWorkspace(app: PreparedApp, postgresUrl: string): Promise<string> {
  const slug = `${app.slug}-pro`;
  const client = new Client(app.url, 1);
  try {
    const created = await client.send({
      method: 'POST',
      path: '/api/v1/workspaces',
      headers: { 'content-type': 'application/json', origin: app.origin, cookie: app.cookie, 'cf-connecting-ip': randomIp() },
      body: JSON.stringify({ name: 'Bench Pro', slug }),
    });
    expectStatus('create workspace', created, 201);
  } finally {
    client.close();
  }
  const db = new pg.Client({ connectionString: postgresUrl });
  await db.connect();
  try {
    const id = (await db.query('select id from workspace where slug = $1', [slug])).rows[0]?.id as string;
    await db.query('delete from workspace_trial where workspace_id = $1', [id]);
    await db.query(
      `insert into subscription (id, workspace_id, payment_provider, plan, status) values (gen_random_uuid(), $1, 'manual', 'pro', 'active')`,
      [id],
    );
  } finally {
    await db.end();
  }
  return slug;
}

/**
 * The requests of the app's scenarios: (b) health, (c) list projects, (c-key) the same list with an
 * API key, (d) create a project; (d-limit) create a project in a workspace with a project limit
 * (`addLimitedWorkspace`), under it. The key list takes `keys` in turn: one key would meet its own limit
 * (1,000 a minute) within seconds of load.
 */
export function appRequests(app: PreparedApp, keys: readonly string[] = [], limitedSlug: string | null = null) {
  let created = 0;
  const session = { cookie: app.cookie, origin: app.origin, 'content-type': 'application/json' };
  let keyTurn = 0;
  const listPath = `/api/v1/w/${app.slug}/projects?limit=20`;
  const createPath = `/api/v1/w/${app.slug}/projects`;
  return {
    health: (): BenchRequest => ({ method: 'GET', path: '/health', headers: { 'cf-connecting-ip': randomIp() } }),
    list: (): BenchRequest => ({
      method: 'GET',
      path: listPath,
      headers: { cookie: app.cookie, 'cf-connecting-ip': randomIp() },
    }),
    listByKey: (): BenchRequest => ({
      method: 'GET',
      path: listPath,
      headers: { authorization: `Bearer ${keys[keyTurn++ % keys.length]}`, 'cf-connecting-ip': randomIp() },
    }),
    create: (): BenchRequest => ({
      method: 'POST',
      path: createPath,
      headers: { cookie: app.cookie, origin: app.origin, 'content-type': 'application/json', 'cf-connecting-ip': randomIp() },
      body: JSON.stringify({ name: `Load ${++created}`, description: 'Created under load' }),
    }),
    createUnderLimit: (): BenchRequest => ({
      method: 'POST',
      path: `/api/v1/w/${limitedSlug ?? app.slug}/projects`,
      headers: { ...session, 'cf-connecting-ip': randomIp() },
      body: JSON.stringify({ name: `Limited ${++created}`, description: 'Created under the plan limit' }),
    }),
  };
}

/** The request of a profiled scenario: b `GET /health`, c the projects list, d a project created. */
export function requestFor(scenarioId: string, requests: ReturnType<typeof appRequests>): () => BenchRequest {
  return scenarioId === 'b' ? requests.health : scenarioId === 'c' ? requests.list : requests.create;
}
