import { z } from 'zod';
import { AppError } from './errors.ts';

const csv = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  );

/**
 * Everything the worker reads from its environment, validated once per entry point
 * (`fetch`, `queue`, `scheduled`). Secrets are named in the error when missing.
 */
export const configSchema = z.object({
  APP_ENV: z.enum(['development', 'test', 'preview', 'production']).default('production'),
  APP_ORIGIN: z.url(),
  CORS_ORIGINS: csv,
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string'),
  APP_SECRET: z.string().min(32, 'must be at least 32 characters of random data'),
  RATE_LIMIT_BACKEND: z.enum(['durable-object', 'upstash']).default('durable-object'),
  UPSTASH_REDIS_REST_URL: z.url().optional().or(z.literal('').transform(() => undefined)),
  UPSTASH_REDIS_REST_TOKEN: z.string().optional(),
  /** host:port of the local Neon-compatible endpoint; only for development and tests. */
  NEON_LOCAL_PROXY: z.string().optional().or(z.literal('').transform(() => undefined)),
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(64 * 1024),
});

export type Config = z.infer<typeof configSchema>;

const cache = new WeakMap<object, Config>();

export function loadConfig(env: object): Config {
  const cached = cache.get(env);
  if (cached) return cached;
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new AppError('BAD_ENVIRONMENT', `Invalid configuration: ${names.join('; ')}`);
  }
  const config = parsed.data;
  if (config.RATE_LIMIT_BACKEND === 'upstash' && !(config.UPSTASH_REDIS_REST_URL && config.UPSTASH_REDIS_REST_TOKEN)) {
    throw new AppError(
      'BAD_ENVIRONMENT',
      'Invalid configuration: UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN are required when RATE_LIMIT_BACKEND=upstash',
    );
  }
  if (config.APP_ENV === 'production' && config.NEON_LOCAL_PROXY) {
    throw new AppError('BAD_ENVIRONMENT', 'Invalid configuration: NEON_LOCAL_PROXY must not be set in production');
  }
  cache.set(env, config);
  return config;
}
