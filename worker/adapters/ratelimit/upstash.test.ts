import { env } from 'cloudflare:workers';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RateLimitRule } from '../../kernel/rate-limit.ts';
import { UpstashRateLimiter } from './upstash.ts';

// Served by the global test setup: redis-server behind scripts/upstash-bridge. The test config sets
// these only where redis-server is installed (always in CI, where its absence fails the run).
const url = env.UPSTASH_REDIS_REST_URL as string;
const token = env.UPSTASH_REDIS_REST_TOKEN as string;
const run = crypto.randomUUID();

describe('UpstashRateLimiter', () => {
  beforeEach((ctx) => {
    if (!url) ctx.skip('redis-server is not installed: the Upstash backend runs against real Redis behind the REST bridge');
  });

  beforeAll(async () => {
    if (!url) return;
    const reachable = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify(['PING']),
    }).then(
      (response) => response.ok,
      () => false,
    );
    if (!reachable) throw new Error(`No Upstash bridge at ${url}; the global test setup starts it`);
  });

  it('grants `limit` tokens, then refuses with Retry-After until the next token', async () => {
    const limiter = new UpstashRateLimiter({ url, token });
    const rule: RateLimitRule = { name: 'test-login', limit: 5, windowSeconds: 60 };
    const t0 = Date.now();
    const granted = [];
    for (let i = 0; i < 5; i++) granted.push(await limiter.consume(rule, `ip:${run}`));
    expect(granted.map((d) => [d.allowed, d.limit, d.remaining])).toEqual([
      [true, 5, 4],
      [true, 5, 3],
      [true, 5, 2],
      [true, 5, 1],
      [true, 5, 0],
    ]);
    // Empty now, full again five tokens (5 × 12 s) later.
    expect(granted[4]?.reset).toBeGreaterThanOrEqual(Math.floor((t0 + 60_000) / 1000));
    expect(granted[4]?.reset).toBeLessThanOrEqual(Math.ceil((Date.now() + 60_000) / 1000));

    const refused = await limiter.consume(rule, `ip:${run}`);
    expect(refused).toMatchObject({ allowed: false, limit: 5, remaining: 0 });
    expect(refused.retryAfter).toBeGreaterThanOrEqual(11);
    expect(refused.retryAfter).toBeLessThanOrEqual(12);
  });

  it('keeps keys and rules apart', async () => {
    const limiter = new UpstashRateLimiter({ url, token });
    const one: RateLimitRule = { name: 'test-one', limit: 1, windowSeconds: 60 };
    const other: RateLimitRule = { name: 'test-other', limit: 1, windowSeconds: 60 };
    expect((await limiter.consume(one, `a:${run}`)).allowed).toBe(true);
    expect((await limiter.consume(one, `a:${run}`)).allowed).toBe(false);
    expect((await limiter.consume(one, `b:${run}`)).allowed).toBe(true);
    expect((await limiter.consume(other, `a:${run}`)).allowed).toBe(true);
  });

  it('refills one token every window / limit', async () => {
    const limiter = new UpstashRateLimiter({ url, token });
    const fast: RateLimitRule = { name: 'test-fast', limit: 2, windowSeconds: 1 };
    expect((await limiter.consume(fast, run)).allowed).toBe(true);
    expect((await limiter.consume(fast, run)).allowed).toBe(true);
    expect((await limiter.consume(fast, run)).allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await limiter.consume(fast, run)).allowed).toBe(true);
  });

  it('surfaces Redis errors rather than letting the request through', async () => {
    const limiter = new UpstashRateLimiter({ url, token: 'wrong-token' });
    await expect(limiter.consume({ name: 'test-auth', limit: 1, windowSeconds: 60 }, run)).rejects.toThrow(/Unauthorized/);
  });
});
