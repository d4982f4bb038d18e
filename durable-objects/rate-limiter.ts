import { DurableObject } from 'cloudflare:workers';
import type { RateLimitDecision, RateLimitRule } from '../worker/kernel/rate-limit.ts';

interface BucketState {
  /** Tokens left at `atMs`; fractional because refill is continuous. */
  tokens: number;
  atMs: number;
  /** When the bucket is full again, i.e. when its storage can be dropped. */
  fullAtMs: number;
}

const STATE_KEY = 'bucket';
// Refill is computed in floating point; this absorbs rounding so a token that is due is granted.
const EPSILON = 1e-9;

/**
 * One token bucket per object (the client names it `${rule.name}:${key}`): capacity `rule.limit`,
 * refilling continuously at `rule.limit` tokens per `rule.windowSeconds`.
 *
 * @example
 * const stub = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName('login:ip:203.0.113.7'));
 * const decision = await stub.consume(rateLimitRules.login);
 * if (!decision.allowed) console.log(`retry in ${decision.retryAfter}s`);
 */
export class RateLimiter extends DurableObject {
  private state: BucketState | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    void ctx.blockConcurrencyWhile(async () => {
      this.state = await ctx.storage.get<BucketState>(STATE_KEY);
    });
  }

  /** Takes one token if available. `nowMs` exists for tests; callers leave it out. */
  async consume(rule: RateLimitRule, nowMs: number = Date.now()): Promise<RateLimitDecision> {
    assertRule(rule);
    const windowMs = rule.windowSeconds * 1000;
    const previous = this.state;
    const atMs = previous ? Math.max(nowMs, previous.atMs) : nowMs;
    const refilled = previous ? previous.tokens + ((atMs - previous.atMs) * rule.limit) / windowMs : rule.limit;
    const available = Math.min(rule.limit, refilled);
    const allowed = available + EPSILON >= 1;
    const tokens = allowed ? available - 1 : available;
    const fullAtMs = atMs + ((rule.limit - tokens) * windowMs) / rule.limit;

    if (allowed) {
      // Memory first, before any await, so interleaved calls always see the latest bucket.
      this.state = { tokens, atMs, fullAtMs };
      await Promise.all([this.ctx.storage.put(STATE_KEY, this.state), this.ctx.storage.setAlarm(fullAtMs)]);
    }
    // A refusal changes nothing that the stored (tokens, atMs) pair does not already imply,
    // so a flood of refused calls costs no storage writes.

    const msUntilToken = ((1 - tokens) * windowMs) / rule.limit;
    return {
      allowed,
      limit: rule.limit,
      remaining: Math.max(0, Math.floor(tokens + EPSILON)),
      reset: Math.ceil(fullAtMs / 1000),
      retryAfter: allowed ? 0 : Math.max(1, Math.ceil((msUntilToken - EPSILON) / 1000)),
    };
  }

  /** Drops the bucket once it is full again: a full bucket and no bucket behave the same. */
  override async alarm(): Promise<void> {
    const state = this.state;
    if (state && Date.now() < state.fullAtMs) {
      await this.ctx.storage.setAlarm(state.fullAtMs);
      return;
    }
    this.state = undefined;
    await this.ctx.storage.deleteAll();
  }
}

function assertRule(rule: RateLimitRule): void {
  if (!Number.isInteger(rule.limit) || rule.limit < 1) {
    throw new RangeError(`Rate limit rule "${rule.name}" needs a positive integer limit`);
  }
  if (!Number.isFinite(rule.windowSeconds) || rule.windowSeconds <= 0) {
    throw new RangeError(`Rate limit rule "${rule.name}" needs a positive windowSeconds`);
  }
}
