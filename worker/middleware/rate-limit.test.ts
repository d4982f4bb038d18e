import { env } from 'cloudflare:workers';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../env.ts';
import { InProcessBus } from '../kernel/bus.ts';
import { sha256Hex } from '../kernel/crypto.ts';
import type { RateLimitDecision, RateLimiter, RateLimitRule } from '../kernel/rate-limit.ts';
import { clientIp, clientIpOf } from './client-ip.ts';
import { rateLimit, rateLimitSubject } from './rate-limit.ts';
import { recovery } from './recovery.ts';

/** Counts tokens per bucket like the real backends, and remembers which buckets were asked for. */
class FakeRateLimiter implements RateLimiter {
  readonly calls: string[] = [];
  readonly #used = new Map<string, number>();

  async consume(rule: RateLimitRule, key: string): Promise<RateLimitDecision> {
    const bucket = `${rule.name}:${key}`;
    this.calls.push(bucket);
    const used = this.#used.get(bucket) ?? 0;
    const allowed = used < rule.limit;
    if (allowed) this.#used.set(bucket, used + 1);
    return {
      allowed,
      limit: rule.limit,
      remaining: rule.limit - (allowed ? used + 1 : used),
      reset: Math.ceil(Date.now() / 1000) + rule.windowSeconds,
      retryAfter: allowed ? 0 : Math.ceil(rule.windowSeconds / rule.limit),
    };
  }
}

function harness({ flood = true, keyBudget = true } = {}) {
  const limiter = new FakeRateLimiter();
  const floodKeys: string[] = [];
  const apiKeyKeys: string[] = [];
  const bindings = {
    ...env,
    IP_FLOOD_GUARD: {
      async limit({ key }: RateLimitOptions): Promise<RateLimitOutcome> {
        floodKeys.push(key);
        return { success: flood };
      },
    },
    API_KEY_LIMITER: {
      async limit({ key }: RateLimitOptions): Promise<RateLimitOutcome> {
        apiKeyKeys.push(key);
        return { success: keyBudget };
      },
    },
  };
  const app = new Hono<AppEnv>();
  app.onError(recovery);
  app.use(async (c, next) => {
    c.set('services', { rateLimiter: limiter, bus: new InProcessBus({}) });
    await next();
  });
  app.use(clientIp());
  app.use(rateLimit());
  app.post('/api/v1/auth/login', (c) => c.json({ ok: true }));
  app.post('/api/v1/auth/signup', (c) => c.json({ ok: true }));
  app.get('/api/v1/projects', (c) => c.json({ ok: true }));
  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.get('/health/ready', (c) => c.json({ status: 'ok' }));
  const send = (method: string, path: string, headers: Record<string, string> = {}) => app.request(path, { method, headers }, bindings);
  return { limiter, floodKeys, apiKeyKeys, send };
}

const from = (ip: string, extra: Record<string, string> = {}) => ({ 'CF-Connecting-IP': ip, ...extra });

describe('rateLimit()', () => {
  it('refuses the sixth login from one address with 429, Retry-After and X-RateLimit-*', async () => {
    const { send } = harness();
    for (let i = 1; i <= 5; i++) {
      const ok = await send('POST', '/api/v1/auth/login', from('203.0.113.7'));
      expect(ok.status).toBe(200);
      expect(ok.headers.get('X-RateLimit-Limit')).toBe('5');
      expect(ok.headers.get('X-RateLimit-Remaining')).toBe(String(5 - i));
      expect(Number(ok.headers.get('X-RateLimit-Reset'))).toBeGreaterThan(0);
    }
    const refused = await send('POST', '/api/v1/auth/login', from('203.0.113.7'));
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect(refused.headers.get('Retry-After')).toBe('12');
    expect(refused.headers.get('X-RateLimit-Limit')).toBe('5');
    expect(refused.headers.get('X-RateLimit-Remaining')).toBe('0');
    const reset = Number(refused.headers.get('X-RateLimit-Reset'));
    expect(reset).toBeGreaterThanOrEqual(59);
    expect(reset).toBeLessThanOrEqual(61);
  });

  it('ignores X-Forwarded-For and friends: rotating them opens no new bucket', async () => {
    const { send, limiter } = harness();
    for (let i = 0; i < 5; i++) await send('POST', '/api/v1/auth/login', from('203.0.113.7'));
    for (const spoof of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) {
      const headers = from('203.0.113.7', { 'X-Forwarded-For': spoof, 'X-Real-IP': spoof, 'True-Client-IP': spoof });
      expect((await send('POST', '/api/v1/auth/login', headers)).status).toBe(429);
    }
    expect(new Set(limiter.calls)).toEqual(new Set(['login:ip:203.0.113.7']));
  });

  it('gives a different CF-Connecting-IP its own bucket', async () => {
    const { send } = harness();
    for (let i = 0; i < 6; i++) await send('POST', '/api/v1/auth/login', from('203.0.113.7'));
    expect((await send('POST', '/api/v1/auth/login', from('203.0.113.8'))).status).toBe(200);
  });

  it('counts one IPv6 /64 as one client', async () => {
    const { send } = harness();
    for (let i = 1; i <= 5; i++) await send('POST', '/api/v1/auth/login', from(`2001:db8:1:2::${i}`));
    expect((await send('POST', '/api/v1/auth/login', from('2001:db8:1:2:ffff::6'))).status).toBe(429);
    expect((await send('POST', '/api/v1/auth/login', from('2001:db8:1:3::1'))).status).toBe(200);
  });

  it('keeps signup apart from login', async () => {
    const { send, limiter } = harness();
    for (let i = 0; i < 6; i++) await send('POST', '/api/v1/auth/login', from('203.0.113.7'));
    expect((await send('POST', '/api/v1/auth/signup', from('203.0.113.7'))).status).toBe(200);
    expect(limiter.calls.at(-1)).toBe('signup:ip:203.0.113.7');
  });

  it('limits API keys in the rate-limiting binding by the SHA-256 of the key, never the key itself or a bucket', async () => {
    const { send, limiter, apiKeyKeys } = harness();
    const apiKey = `sk_live_${'a'.repeat(43)}`;
    const response = await send('GET', '/api/v1/projects', from('203.0.113.7', { Authorization: `Bearer ${apiKey}` }));
    expect(response.status).toBe(200);
    expect(response.headers.get('X-RateLimit-Limit')).toBe('1000');
    expect(response.headers.get('X-RateLimit-Remaining')).toBeNull();
    expect(apiKeyKeys).toEqual([`key:${await sha256Hex(apiKey)}`]);
    expect(apiKeyKeys.join()).not.toContain(apiKey);
    expect(limiter.calls).toEqual([]);
  });

  it('gives each personal access token its own budget, keyed by its SHA-256', async () => {
    const { send, apiKeyKeys } = harness();
    const token = `pat_r_${'b'.repeat(43)}`;
    const response = await send('GET', '/api/v1/projects', from('203.0.113.7', { Authorization: `Bearer ${token}` }));
    expect(response.headers.get('X-RateLimit-Limit')).toBe('1000');
    expect(apiKeyKeys).toEqual([`key:${await sha256Hex(token)}`]);
  });

  it('refuses a key over its budget with 429 and a whole period to wait, before any bucket is consulted', async () => {
    const { send, limiter } = harness({ keyBudget: false });
    const apiKey = `sk_live_${'c'.repeat(43)}`;
    const refused = await send('POST', '/api/v1/auth/login', from('203.0.113.7', { Authorization: `Bearer ${apiKey}` }));
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect(refused.headers.get('Retry-After')).toBe('60');
    expect(refused.headers.get('X-RateLimit-Limit')).toBe('1000');
    expect(refused.headers.get('X-RateLimit-Remaining')).toBe('0');
    expect(limiter.calls).toEqual([]);
  });

  it('keeps the exact bucket headers when a keyed request also draws from one', async () => {
    const { send, apiKeyKeys } = harness();
    const apiKey = `sk_live_${'d'.repeat(43)}`;
    const response = await send('POST', '/api/v1/auth/login', from('203.0.113.7', { Authorization: `Bearer ${apiKey}` }));
    expect(response.headers.get('X-RateLimit-Limit')).toBe('5');
    expect(response.headers.get('X-RateLimit-Remaining')).toBe('4');
    expect(apiKeyKeys).toHaveLength(1);
  });

  it('sends ordinary requests through the flood guard only', async () => {
    const { send, limiter, floodKeys, apiKeyKeys } = harness();
    const response = await send('GET', '/api/v1/projects', from('203.0.113.7', { Cookie: 'session=x' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('X-RateLimit-Limit')).toBeNull();
    expect(limiter.calls).toEqual([]);
    expect(apiKeyKeys).toEqual([]);
    expect(floodKeys).toEqual(['203.0.113.7']);
  });

  it('refuses a flooding address before any bucket is consulted', async () => {
    const { send, limiter } = harness({ flood: false });
    const refused = await send('POST', '/api/v1/auth/login', from('203.0.113.7'));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('60');
    expect(refused.headers.get('X-RateLimit-Limit')).toBe('600');
    expect(refused.headers.get('X-RateLimit-Remaining')).toBe('0');
    expect(limiter.calls).toEqual([]);
  });

  it('answers liveness without asking the flood guard, while readiness, which reads the database, stays limited', async () => {
    const { send, floodKeys } = harness({ flood: false });
    const live = await send('GET', '/health', from('203.0.113.7'));
    expect(live.status).toBe(200);
    expect(floodKeys).toEqual([]);
    const ready = await send('GET', '/health/ready', from('203.0.113.7'));
    expect(ready.status).toBe(429);
    expect(floodKeys).toEqual(['203.0.113.7']);
  });
});

describe('client address', () => {
  const request = (headers: Record<string, string>) => new Request('https://app.example.com/', { headers });

  it('comes from CF-Connecting-IP only', () => {
    expect(clientIpOf(request({ 'CF-Connecting-IP': '203.0.113.7', 'X-Forwarded-For': '198.51.100.1' }))).toBe('203.0.113.7');
    expect(clientIpOf(request({ 'X-Forwarded-For': '198.51.100.1', 'X-Real-IP': '198.51.100.2' }))).toBe('unknown');
    expect(clientIpOf(request({ 'CF-Connecting-IP': '<script>' }))).toBe('unknown');
  });

  it('is limited per IPv4 address and per IPv6 /64', () => {
    expect(rateLimitSubject('203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitSubject('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitSubject('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(rateLimitSubject('2001:DB8:1:2::9')).toBe('2001:db8:1:2::/64');
    expect(rateLimitSubject('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(rateLimitSubject('unknown')).toBe('unknown');
  });
});
