import type { Ratelimit } from '@upstash/ratelimit';
import type { Redis } from '@upstash/redis/cloudflare';
import { AppError } from '../../kernel/errors.ts';
import type { RateLimitDecision, RateLimiter, RateLimitRule } from '../../kernel/rate-limit.ts';

export interface UpstashRateLimiterOptions {
  url: string;
  token: string;
  /** Give up on Redis after this long and refuse the request (503) rather than let it through. */
  timeoutMs?: number;
}

interface Limiter {
  ratelimit: Ratelimit;
  intervalMs: number;
}

/**
 * Rate limiting on Upstash Redis (`RATE_LIMIT_BACKEND=upstash`): `@upstash/ratelimit` token buckets,
 * one per rule, refilling one token every `windowSeconds / limit` up to `limit` tokens.
 *
 * @example
 * const limiter = new UpstashRateLimiter({ url: config.UPSTASH_REDIS_REST_URL, token: config.UPSTASH_REDIS_REST_TOKEN });
 * const decision = await limiter.consume(rateLimitRules.login, 'ip:203.0.113.7');
 * if (!decision.allowed) throw new AppError('RATE_LIMITED', 'Too many attempts');
 */
export class UpstashRateLimiter implements RateLimiter {
  readonly #options: UpstashRateLimiterOptions;
  readonly #timeoutMs: number;
  readonly #limiters = new Map<string, Limiter>();
  // The Upstash clients load with the first bucket an isolate draws from, not at start-up, so a
  // deployment on the default backend never evaluates them (ARCHITECTURE.md, Start-up).
  #client: Promise<{ redis: Redis; Ratelimit: typeof Ratelimit }> | undefined;

  constructor(options: UpstashRateLimiterOptions) {
    this.#options = options;
    this.#timeoutMs = options.timeoutMs ?? 5000;
  }

  #upstash(): Promise<{ redis: Redis; Ratelimit: typeof Ratelimit }> {
    this.#client ??= import('./upstash-client.ts').then(({ Ratelimit: RatelimitClass, Redis: RedisClass }) => ({
      redis: new RedisClass({ url: this.#options.url, token: this.#options.token, enableTelemetry: false }),
      Ratelimit: RatelimitClass,
    }));
    return this.#client;
  }

  async consume(rule: RateLimitRule, key: string): Promise<RateLimitDecision> {
    const { ratelimit, intervalMs } = this.#limiterFor(rule, await this.#upstash());
    const result = await ratelimit.limit(key);
    // On timeout @upstash/ratelimit answers "allowed"; an outage must not switch the limits off.
    if (result.reason === 'timeout') {
      throw new AppError('SERVICE_UNAVAILABLE', 'Rate limiter unavailable, try again shortly');
    }
    const nowMs = Date.now();
    // `reset` is when the next token arrives; the bucket is full once every missing token has.
    const fullAtMs = Math.max(nowMs, result.reset + (result.limit - result.remaining - 1) * intervalMs);
    return {
      allowed: result.success,
      limit: result.limit,
      remaining: result.remaining,
      reset: Math.ceil(fullAtMs / 1000),
      retryAfter: result.success ? 0 : Math.max(1, Math.ceil((result.reset - nowMs) / 1000)),
    };
  }

  #limiterFor(
    rule: RateLimitRule,
    { redis, Ratelimit }: { redis: Redis; Ratelimit: typeof import('@upstash/ratelimit').Ratelimit },
  ): Limiter {
    const existing = this.#limiters.get(rule.name);
    if (existing) return existing;
    // One token per interval is the closest Upstash gets to a continuous refill.
    const intervalMs = Math.max(1, Math.round((rule.windowSeconds * 1000) / rule.limit));
    const limiter: Limiter = {
      intervalMs,
      ratelimit: new Ratelimit({
        redis,
        limiter: Ratelimit.tokenBucket(1, `${intervalMs} ms`, rule.limit),
        prefix: `ratelimit:${rule.name}`,
        timeout: this.#timeoutMs,
        analytics: false,
      }),
    };
    this.#limiters.set(rule.name, limiter);
    return limiter;
  }
}
