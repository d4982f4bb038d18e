import { env } from 'cloudflare:workers';
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import { DurableObjectRateLimiter } from '../worker/adapters/ratelimit/durable-object.ts';
import type { RateLimitRule } from '../worker/kernel/rate-limit.ts';

const namespace = env.RATE_LIMITER;
const rule: RateLimitRule = { name: 'test-login', limit: 5, windowSeconds: 60 };
let keys = 0;
const bucket = () => namespace.get(namespace.idFromName(`${rule.name}:key-${++keys}`));

describe('RateLimiter Durable Object', () => {
  it('drains to zero, then refuses with the wait for the next token', async () => {
    const stub = bucket();
    const t0 = Date.now();
    const granted = [];
    for (let i = 0; i < 5; i++) granted.push(await stub.consume(rule, t0));
    expect(granted.map((d) => [d.allowed, d.remaining])).toEqual([
      [true, 4],
      [true, 3],
      [true, 2],
      [true, 1],
      [true, 0],
    ]);
    expect(granted[4]?.reset).toBe(Math.ceil((t0 + 60_000) / 1000));

    const refused = await stub.consume(rule, t0);
    expect(refused).toMatchObject({ allowed: false, limit: 5, remaining: 0, retryAfter: 12 });
    // 5 s into the 12 s a token takes, 7 s are left.
    expect(await stub.consume(rule, t0 + 5_000)).toMatchObject({ allowed: false, retryAfter: 7 });
  });

  it('refills continuously: one token every window / limit, never above the limit', async () => {
    const stub = bucket();
    const t0 = Date.now();
    for (let i = 0; i < 5; i++) await stub.consume(rule, t0);
    expect((await stub.consume(rule, t0 + 11_999)).allowed).toBe(false);
    expect(await stub.consume(rule, t0 + 12_000)).toMatchObject({ allowed: true, remaining: 0 });
    expect((await stub.consume(rule, t0 + 12_001)).allowed).toBe(false);
    expect(await stub.consume(rule, t0 + 10 * 60_000)).toMatchObject({ allowed: true, remaining: 4 });
  });

  it('keeps two keys independent', async () => {
    const a = bucket();
    const b = bucket();
    const t0 = Date.now();
    for (let i = 0; i < 5; i++) await a.consume(rule, t0);
    expect((await a.consume(rule, t0)).allowed).toBe(false);
    expect(await b.consume(rule, t0)).toMatchObject({ allowed: true, remaining: 4 });
  });

  it('resumes from storage after eviction', async () => {
    const stub = bucket();
    const t0 = Date.now();
    for (let i = 0; i < 3; i++) await stub.consume(rule, t0);
    await evictDurableObject(stub);
    expect(await stub.consume(rule, t0)).toMatchObject({ allowed: true, remaining: 1 });
  });

  it('writes nothing for a refusal and deletes its storage once the bucket is full again', async () => {
    const stub = bucket();
    const t0 = Date.now();
    for (let i = 0; i < 5; i++) await stub.consume(rule, t0);
    const before = await runInDurableObject(stub, (_instance, state) => state.storage.get('bucket'));
    await stub.consume(rule, t0);
    expect(await runInDurableObject(stub, (_instance, state) => state.storage.get('bucket'))).toEqual(before);

    // The alarm is due when the bucket is full; until then it only re-arms itself.
    const alarm = await runInDurableObject(stub, (_instance, state) => state.storage.getAlarm());
    expect(alarm).toBe(t0 + 60_000);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await runInDurableObject(stub, (_instance, state) => state.storage.get('bucket'))).toBeDefined();

    // Full a minute ago: the alarm is already due, whether the runtime or the test fires it.
    const idle = bucket();
    await idle.consume(rule, Date.now() - 120_000);
    await runDurableObjectAlarm(idle);
    await vi.waitFor(async () => {
      expect(await runInDurableObject(idle, (_instance, state) => state.storage.list())).toEqual(new Map());
    });
  });

  it('is reached through the RateLimiter seam by rule name and key', async () => {
    const limiter = new DurableObjectRateLimiter(namespace);
    const tiny: RateLimitRule = { name: 'test-seam', limit: 1, windowSeconds: 30 };
    expect((await limiter.consume(tiny, 'ip:192.0.2.1')).allowed).toBe(true);
    expect(await limiter.consume(tiny, 'ip:192.0.2.1')).toMatchObject({ allowed: false, retryAfter: 30 });
    expect((await limiter.consume(tiny, 'ip:192.0.2.2')).allowed).toBe(true);
    const direct = namespace.get(namespace.idFromName('test-seam:ip:192.0.2.1'));
    expect((await direct.consume(tiny)).allowed).toBe(false);
  });
});
