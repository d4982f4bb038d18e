import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { sha256Hex } from '../kernel/crypto.ts';
import { AppError } from '../kernel/errors.ts';
import { type RateLimitDecision, type RateLimitRule, rateLimitRules } from '../kernel/rate-limit.ts';
import { clientIpOf } from './client-ip.ts';

/** A bucket to draw from when a request matches `method` (or `*`) and `path` (exact, or a prefix ending in `/*`). */
export interface BucketRoute {
  method: string;
  path: string;
  rule: RateLimitRule;
  /** The bucket key for this request, or null when the route does not apply to it. */
  keyOf: (c: Context<AppEnv>) => string | null | Promise<string | null>;
}

/** Mirrors `[[ratelimits]] IP_FLOOD_GUARD` in wrangler.toml: the binding reports neither number. */
export const floodGuard = { limit: 600, periodSeconds: 60 } as const;

/** Mirrors `[[ratelimits]] API_KEY_LIMITER` in wrangler.toml: each API key's or access token's budget. */
export const apiKeyGuard = { limit: 1000, periodSeconds: 60 } as const;

// API keys and personal access tokens: long-lived bearer secrets, each with its own budget.
const apiKeyBearer = /^Bearer\s+((?:sk|pat)_[A-Za-z0-9_-]+)$/i;
const ipv4Mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * The subject an address is limited as. An IPv6 client usually holds a whole /64, so it counts as
 * one: otherwise rotating addresses inside it would open a fresh bucket per request.
 */
export function rateLimitSubject(ip: string): string {
  const mapped = ipv4Mapped.exec(ip)?.[1];
  if (mapped) return mapped;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const zeros = ip.includes('::') ? Math.max(0, 8 - headGroups.length - tailGroups.length) : 0;
  const groups = [...headGroups, ...Array<string>(zeros).fill('0'), ...tailGroups];
  const prefix = groups.slice(0, 4).map((group) => (Number.parseInt(group, 16) || 0).toString(16));
  return `${prefix.join(':')}::/64`;
}

const byClientIp = (c: Context<AppEnv>) => `ip:${rateLimitSubject(c.var.clientIp)}`;

// Keyed by the hash so that the raw key never reaches a rate-limit counter.
async function byApiKey(c: Context<AppEnv>): Promise<string | null> {
  const key = apiKeyBearer.exec(c.req.header('Authorization')?.trim() ?? '')?.[1];
  return key ? `key:${await sha256Hex(key)}` : null;
}

/** Which exact buckets a request draws from; every other request only meets the flood guard. */
export const bucketRoutes: readonly BucketRoute[] = [
  { method: 'POST', path: '/api/v1/auth/login', rule: rateLimitRules.login, keyOf: byClientIp },
  { method: 'POST', path: '/api/v1/auth/signup', rule: rateLimitRules.signup, keyOf: byClientIp },
  // Deleting the account checks the password again: guesses share the log-in budget of the address.
  { method: 'DELETE', path: '/api/v1/me', rule: rateLimitRules.login, keyOf: byClientIp },
  { method: 'POST', path: '/api/v1/auth/mfa/verify', rule: rateLimitRules.secondFactor, keyOf: byClientIp },
  { method: 'POST', path: '/api/v1/auth/passkey/verify', rule: rateLimitRules.secondFactor, keyOf: byClientIp },
  { method: 'POST', path: '/api/v1/me/reauthenticate', rule: rateLimitRules.login, keyOf: byClientIp },
  { method: 'POST', path: '/api/v1/auth/password-reset/request', rule: rateLimitRules.emailLink, keyOf: byClientIp },
  { method: 'POST', path: '/api/v1/auth/magic-link/request', rule: rateLimitRules.emailLink, keyOf: byClientIp },
  { method: 'POST', path: '/api/v1/auth/verify-email/resend', rule: rateLimitRules.emailLink, keyOf: byClientIp },
  // Asking to change the address checks the password: guesses share the log-in budget.
  { method: 'POST', path: '/api/v1/me/email', rule: rateLimitRules.login, keyOf: byClientIp },
];

/**
 * Liveness answers from memory, for less than asking the flood guard would cost: limiting it would
 * protect nothing, and would refuse the uptime probes that share an address (docs/decisions/072).
 * `/health/ready` touches the database and stays limited.
 */
const unlimitedPaths: ReadonlySet<string> = new Set(['/health', '/health/']);

function matches(route: BucketRoute, method: string, path: string): boolean {
  if (route.method !== '*' && route.method !== method) return false;
  if (route.path.endsWith('/*')) return path.startsWith(route.path.slice(0, -1));
  // Hono can be configured to ignore a trailing slash; the limiter must not be the one that differs.
  return path === route.path || path === `${route.path}/`;
}

function rateLimitHeaders(decision: RateLimitDecision, nowMs: number): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(decision.limit),
    'X-RateLimit-Remaining': String(decision.remaining),
    'X-RateLimit-Reset': String(Math.max(0, Math.ceil(decision.reset - nowMs / 1000))),
  };
}

export function limited(decision: RateLimitDecision, nowMs: number): AppError {
  return new AppError('RATE_LIMITED', `Too many requests, retry in ${decision.retryAfter} seconds`, {
    headers: { 'Retry-After': String(decision.retryAfter), ...rateLimitHeaders(decision, nowMs) },
  });
}

/**
 * A refusal by one of the Workers rate-limiting bindings. The binding says neither where in its
 * window the key is nor what is left; a whole period is the safe answer.
 */
function refusedByBinding(guard: { limit: number; periodSeconds: number }): AppError {
  const nowMs = Date.now();
  const reset = Math.ceil(nowMs / 1000) + guard.periodSeconds;
  return limited({ allowed: false, limit: guard.limit, remaining: 0, reset, retryAfter: guard.periodSeconds }, nowMs);
}

/**
 * Two tiers. Every request but liveness meets the per-IP flood guard, and a request that carries an API key or
 * personal access token under /api/ meets that key's budget too: both are Workers rate-limiting
 * bindings (no Durable Object request, no storage write; docs/decisions/047). Requests matching
 * `routes` then draw from an exact bucket in `c.var.services.rateLimiter`. A refusal throws `RATE_LIMITED` (429) with `Retry-After`
 * and `X-RateLimit-*`; a granted bucket check adds the `X-RateLimit-*` headers to the response.
 * The client address is `CF-Connecting-IP` only (see `clientIp()`), so forged forwarding headers
 * never open a new bucket.
 *
 * @example
 * app.use(clientIp());
 * app.use(rateLimit());
 * // sixth POST /api/v1/auth/login from one address within a minute:
 * // 429 { error: { code: 'RATE_LIMITED', … } }, Retry-After: 12
 */
export function rateLimit(routes: readonly BucketRoute[] = bucketRoutes) {
  return createMiddleware<AppEnv>(async function rateLimit(c, next) {
    if (unlimitedPaths.has(c.req.path)) return next();
    // Normally set by clientIp(); this keeps the limiter correct wherever it is mounted.
    if (!c.var.clientIp) c.set('clientIp', clientIpOf(c.req.raw));
    const { success } = await c.env.IP_FLOOD_GUARD.limit({ key: rateLimitSubject(c.var.clientIp) });
    if (!success) throw refusedByBinding(floodGuard);

    const apiKey = c.req.path.startsWith('/api/') ? await byApiKey(c) : null;
    if (apiKey !== null) {
      const { success: withinBudget } = await c.env.API_KEY_LIMITER.limit({ key: apiKey });
      if (!withinBudget) throw refusedByBinding(apiKeyGuard);
    }

    let tightest: RateLimitDecision | undefined;
    for (const route of routes) {
      if (!matches(route, c.req.method, c.req.path)) continue;
      const key = await route.keyOf(c);
      if (key === null) continue;
      const decision = await c.var.services.rateLimiter.consume(route.rule, key);
      if (!decision.allowed) throw limited(decision, Date.now());
      if (!tightest || decision.remaining < tightest.remaining) tightest = decision;
    }

    await next();
    if (tightest) {
      for (const [name, value] of Object.entries(rateLimitHeaders(tightest, Date.now()))) c.header(name, value);
    } else if (apiKey !== null) {
      c.header('X-RateLimit-Limit', String(apiKeyGuard.limit));
    }
  });
}
