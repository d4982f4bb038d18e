import { DurableObjectRateLimiter } from './adapters/ratelimit/durable-object.ts';
import { UpstashRateLimiter } from './adapters/ratelimit/upstash.ts';
import { R2Storage } from './adapters/storage/r2.ts';
import type { Bindings, Services } from './env.ts';
import type { Config } from './kernel/config.ts';
import { AppError } from './kernel/errors.ts';
import type { RateLimiter } from './kernel/rate-limit.ts';
import type { Storage } from './kernel/storage.ts';

function rateLimiterFor(env: Bindings, config: Config): RateLimiter {
  if (config.RATE_LIMIT_BACKEND === 'upstash') {
    if (!config.UPSTASH_REDIS_REST_URL || !config.UPSTASH_REDIS_REST_TOKEN) {
      throw new AppError('BAD_ENVIRONMENT', 'UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN are required');
    }
    return new UpstashRateLimiter({ url: config.UPSTASH_REDIS_REST_URL, token: config.UPSTASH_REDIS_REST_TOKEN });
  }
  return new DurableObjectRateLimiter(env.RATE_LIMITER);
}

function storageFor(env: Bindings): Storage | undefined {
  const bucket = env.FILES as R2Bucket | undefined;
  return bucket ? new R2Storage(bucket) : undefined;
}

const wired = new WeakMap<object, Services>();

/**
 * The composition root: the only place that names providers (rate-limit backend, object storage).
 * Services hold no I/O objects (each call makes its own), so they are built once per isolate and
 * environment, and no I/O happens here.
 */
export function wire(env: Bindings, config: Config): Services {
  let services = wired.get(env);
  if (!services) {
    services = { rateLimiter: rateLimiterFor(env, config), storage: storageFor(env) };
    wired.set(env, services);
  }
  return services;
}
