import { describe, expect, it } from 'vitest';
import { countingEnv } from '../test/binding-counts.ts';
import { call, createWorkspace, signUp } from '../test/client.ts';
import { apiKeyGuard } from './rate-limit.ts';

async function workspaceWithKey() {
  const { cookie } = await signUp();
  const ws = await createWorkspace(cookie);
  const key = await call('POST', `/api/v1/w/${ws.slug}/api-keys`, { cookie, body: { name: 'ci' } });
  if (key.status !== 201) throw new Error(`api key failed: ${key.status} ${key.text}`);
  return { cookie, ws, key: key.json.key as string };
}

/** The rate-limiting binding counts in windows aligned to the clock: start a run early in one. */
async function earlyInAWindow(periodSeconds: number, needSeconds: number) {
  const periodMs = periodSeconds * 1000;
  const left = periodMs - (Date.now() % periodMs);
  if (left < needSeconds * 1000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

describe('the hot path reaches no Durable Object and writes no KV', () => {
  it('serves /health, a session list, a create and an API-key list without either', async () => {
    // Teams stand for any tenant list and create: the chain they go through is every module's.
    const { cookie, ws, key } = await workspaceWithKey();
    const { env, counts } = countingEnv();

    const answers = [
      await call('GET', '/health', { env }),
      await call('GET', `/api/v1/w/${ws.slug}/teams`, { cookie, env }),
      await call('POST', `/api/v1/w/${ws.slug}/teams`, { cookie, body: { name: 'Counted' }, env }),
      await call('GET', `/api/v1/w/${ws.slug}/teams`, { apiKey: key, env }),
    ];

    expect(answers.map((a) => a.status)).toEqual([200, 200, 201, 200]);
    expect(answers[3]?.json.items.map((t: { name: string }) => t.name)).toContain('Counted');
    expect(counts).toEqual({ durableObjectRequests: [], kvWrites: [] });
  });

  it('counts what does reach a Durable Object: a log-in draws from its exact bucket', async () => {
    const { env, counts } = countingEnv();
    const login = await call('POST', '/api/v1/auth/login', { body: { email: 'nobody@example.com', password: 'not it' }, env });
    expect(login.status).toBe(401);
    expect(counts.durableObjectRequests).toEqual(['RATE_LIMITER.consume']);
  });
});

describe('an API key is still limited without its Durable Object', () => {
  it(`refuses a key's request beyond ${apiKeyGuard.limit} in a minute, while another key is still served`, async () => {
    const first = await workspaceWithKey();
    const second = await workspaceWithKey();
    const list = (key: string, slug: string) => call('GET', `/api/v1/w/${slug}/teams`, { apiKey: key });

    await earlyInAWindow(apiKeyGuard.periodSeconds, 40);
    const statuses: number[] = [];
    for (let sent = 0; sent < apiKeyGuard.limit; sent += 10) {
      const batch = await Promise.all(Array.from({ length: 10 }, () => list(first.key, first.ws.slug)));
      statuses.push(...batch.map((a) => a.status));
    }
    const refused = await list(first.key, first.ws.slug);
    const other = await list(second.key, second.ws.slug);

    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe('RATE_LIMITED');
    expect(refused.headers.get('retry-after')).toBe(String(apiKeyGuard.periodSeconds));
    expect(refused.headers.get('x-ratelimit-limit')).toBe(String(apiKeyGuard.limit));
    expect(other.status).toBe(200);
  }, 120_000);
});
