/** A named limit: a token bucket holding `limit` tokens that refills fully every `windowSeconds`. */
export interface RateLimitRule {
  name: string;
  limit: number;
  windowSeconds: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch seconds at which the bucket is full again. */
  reset: number;
  /** Seconds to wait before a retry can succeed; 0 when allowed. */
  retryAfter: number;
}

/**
 * The rate-limit seam. Implementations: a Durable Object token bucket (default) and
 * `@upstash/ratelimit` on Redis. `key` is already scoped by the caller (e.g. `login:ip:1.2.3.4`).
 */
export interface RateLimiter {
  consume(rule: RateLimitRule, key: string): Promise<RateLimitDecision>;
}

export const rateLimitRules = {
  login: { name: 'login', limit: 5, windowSeconds: 60 },
  signup: { name: 'signup', limit: 5, windowSeconds: 3600 },
  /** Invitation emails (new and resent) per workspace. */
  invites: { name: 'invites', limit: 20, windowSeconds: 3600 },
  secondFactor: { name: 'second-factor', limit: 10, windowSeconds: 60 },
  /** Requests that mail a link (reset, magic link, verification), per client IP. */
  emailLink: { name: 'email-link', limit: 10, windowSeconds: 3600 },
  /** Links actually mailed to one address, whoever asks: a mailbox cannot be flooded. */
  emailLinkAddress: { name: 'email-link-address', limit: 3, windowSeconds: 3600 },
} as const satisfies Record<string, RateLimitRule>;
