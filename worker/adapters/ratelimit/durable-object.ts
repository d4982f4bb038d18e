import type { RateLimiter as RateLimiterObject } from '../../../durable-objects/rate-limiter.ts';
import type { RateLimitDecision, RateLimiter, RateLimitRule } from '../../kernel/rate-limit.ts';

/**
 * The default rate-limit backend: one `RateLimiter` Durable Object per bucket, so every decision is
 * exact and consistent across locations. Costs one Durable Object request per check.
 *
 * @example
 * const limiter = new DurableObjectRateLimiter(env.RATE_LIMITER);
 * const decision = await limiter.consume(rateLimitRules.login, 'ip:203.0.113.7');
 * if (!decision.allowed) throw new AppError('RATE_LIMITED', 'Too many attempts');
 */
export class DurableObjectRateLimiter implements RateLimiter {
  readonly #namespace: DurableObjectNamespace<RateLimiterObject>;

  constructor(namespace: DurableObjectNamespace<RateLimiterObject>) {
    this.#namespace = namespace;
  }

  async consume(rule: RateLimitRule, key: string): Promise<RateLimitDecision> {
    const stub = this.#namespace.get(this.#namespace.idFromName(`${rule.name}:${key}`));
    return stub.consume(rule);
  }
}
