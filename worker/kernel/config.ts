import { z } from 'zod';
import { AppError } from './errors.ts';
import { parseSender } from './mailer.ts';
import { signingKeysSchema } from './signing-keys.ts';

const csv = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  );

const optionalText = z
  .string()
  .optional()
  .transform((value) => value || undefined);

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
  UPSTASH_REDIS_REST_URL: z
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  UPSTASH_REDIS_REST_TOKEN: z.string().optional(),
  /** host:port of the local Neon-compatible endpoint; only for development and tests. */
  NEON_LOCAL_PROXY: z
    .string()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(64 * 1024),
  /** Realtime hub caps (kernel/realtime.ts): open sockets per person and per workspace. */
  REALTIME_SOCKETS_PER_PERSON: z.coerce.number().int().positive().default(8),
  REALTIME_SOCKETS_PER_WORKSPACE: z.coerce.number().int().positive().default(2000),
  /**
   * Where mail goes (kernel/mailer.ts). Outside production it defaults to the dev inbox; production
   * must name a real provider and set its secret.
   */
  MAIL_PROVIDER: z
    .enum(['dev-inbox', 'resend', 'postmark'])
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** The sender: `no-reply@example.com` or `Example <no-reply@example.com>`. Required in production. */
  MAIL_FROM: z
    .string()
    .refine((value) => value === '' || parseSender(value) !== null, 'must be an address or "Name <address>"')
    .optional()
    .transform((value) => value || undefined),
  RESEND_API_KEY: z
    .string()
    .optional()
    .transform((value) => value || undefined),
  POSTMARK_SERVER_TOKEN: z
    .string()
    .optional()
    .transform((value) => value || undefined),
  /** Base URLs of the providers' APIs; set only to point at a local stand-in (tests). */
  RESEND_API_URL: z
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  POSTMARK_API_URL: z
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Sign-in with Google and GitHub: each provider is offered when both its id and secret are set. */
  GOOGLE_CLIENT_ID: z
    .string()
    .optional()
    .transform((value) => value || undefined),
  GOOGLE_CLIENT_SECRET: z
    .string()
    .optional()
    .transform((value) => value || undefined),
  GITHUB_CLIENT_ID: z
    .string()
    .optional()
    .transform((value) => value || undefined),
  GITHUB_CLIENT_SECRET: z
    .string()
    .optional()
    .transform((value) => value || undefined),
  /**
   * The providers' endpoints (used by worker/adapters/identity/google.ts and github.ts); the defaults are the real ones.
   * GOOGLE_OAUTH_URL, when set, is one origin serving Google's issuer, authorize, token and JWKS
   * paths (a local stand-in); GitHub's web and API hosts move separately, as on GitHub Enterprise.
   */
  GOOGLE_OAUTH_URL: z
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  GITHUB_OAUTH_URL: z.url().default('https://github.com'),
  GITHUB_API_URL: z.url().default('https://api.github.com'),
  /** DNS-over-HTTPS resolver (JSON API) used to check SSO domain verification TXT records. */
  DNS_RESOLVER_URL: z.url().default('https://cloudflare-dns.com/dns-query'),
  /**
   * Origins (`http://127.0.0.1:9000`, comma-separated) a webhook may reach although their address is
   * private or their scheme is http: local receivers in development and tests. Refused in production.
   */
  WEBHOOK_EXEMPT_ORIGINS: z
    .string()
    .default('')
    .transform((value, ctx) => {
      const origins = value
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean);
      for (const origin of origins) {
        if (URL.canParse(origin) && new URL(origin).origin === origin) continue;
        ctx.addIssue({ code: 'custom', message: `"${origin}" is not an origin (scheme://host[:port])` });
      }
      return origins;
    }),
  /**
   * Private JWKs (ES256) that sign and verify access tokens, as a JSON array; the first signs, all
   * verify (rotation: docs/decisions/019-access-and-refresh-tokens.md). Without it the token
   * endpoint answers 503 and bearer JWTs are refused.
   */
  JWT_SIGNING_KEYS: signingKeysSchema,
  /**
   * File uploads (worker/modules/files): presigned URLs against R2's S3-compatible API. The access
   * key is an R2 API token's S3 credentials, scoped to the one bucket; the bucket is the one the
   * `FILES` binding names. Without the key pair the file routes answer 503.
   */
  R2_ACCOUNT_ID: optionalText,
  R2_ACCESS_KEY_ID: optionalText,
  R2_SECRET_ACCESS_KEY: optionalText,
  R2_BUCKET: z.string().min(3).default('edge-saas-files'),
  /**
   * The S3 endpoint's origin and path prefix, when it is not R2's (`https://<account>.r2.cloudflarestorage.com`):
   * `npm run dev` and the tests point it at the Worker's own development endpoint (`/dev/r2`).
   */
  R2_S3_ENDPOINT: z
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Malware scanning of uploads: `clamav-http` (production) or `eicar` (development and tests only, the default there). */
  SCANNER: z
    .enum(['clamav-http', 'eicar'])
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** The ClamAV REST service's scan endpoint (`SCANNER=clamav-http`), e.g. `https://scanner.internal/v2/scan`. */
  SCANNER_URL: z
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Sent as `Authorization: Bearer …` to the scanner when set (a proxy in front of it checks it). */
  SCANNER_TOKEN: optionalText,
  /**
   * Billing with Stripe (docs/decisions/041-payment-provider-seam.md): the secret key, and the
   * webhook endpoint's signing secret. While rolling the signing secret, the old one goes in
   * STRIPE_WEBHOOK_SECRET_PREVIOUS and both verify until Stripe stops signing with it. Unset: billing
   * routes answer 503. STRIPE_API_URL only points the SDK at the local Stripe (development, tests).
   */
  STRIPE_SECRET_KEY: z
    .string()
    .optional()
    .transform((value) => value || undefined),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .optional()
    .transform((value) => value || undefined),
  STRIPE_WEBHOOK_SECRET_PREVIOUS: z
    .string()
    .optional()
    .transform((value) => value || undefined),
  STRIPE_API_URL: z
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

const mailSecrets = { resend: 'RESEND_API_KEY', postmark: 'POSTMARK_SERVER_TOKEN' } as const;
const devMailFrom = 'Edge SaaS <no-reply@example.com>';

type ParsedConfig = z.infer<typeof configSchema>;

/** The validated environment; the mail provider and sender are always settled. */
export type Config = Omit<ParsedConfig, 'MAIL_PROVIDER' | 'MAIL_FROM'> & {
  MAIL_PROVIDER: 'dev-inbox' | 'resend' | 'postmark';
  MAIL_FROM: string;
};

const cache = new WeakMap<object, Config>();

export function loadConfig(env: object): Config {
  const cached = cache.get(env);
  if (cached) return cached;
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new AppError('BAD_ENVIRONMENT', `Invalid configuration: ${names.join('; ')}`);
  }
  const checked = parsed.data;
  if (checked.RATE_LIMIT_BACKEND === 'upstash' && !(checked.UPSTASH_REDIS_REST_URL && checked.UPSTASH_REDIS_REST_TOKEN)) {
    throw new AppError(
      'BAD_ENVIRONMENT',
      'Invalid configuration: UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN are required when RATE_LIMIT_BACKEND=upstash',
    );
  }
  if (checked.APP_ENV === 'production' && checked.NEON_LOCAL_PROXY) {
    throw new AppError('BAD_ENVIRONMENT', 'Invalid configuration: NEON_LOCAL_PROXY must not be set in production');
  }
  if (checked.APP_ENV === 'production' && checked.WEBHOOK_EXEMPT_ORIGINS.length > 0) {
    throw new AppError('BAD_ENVIRONMENT', 'Invalid configuration: WEBHOOK_EXEMPT_ORIGINS must not be set in production');
  }
  for (const provider of ['GOOGLE', 'GITHUB'] as const) {
    if (Boolean(checked[`${provider}_CLIENT_ID`]) !== Boolean(checked[`${provider}_CLIENT_SECRET`])) {
      throw new AppError(
        'BAD_ENVIRONMENT',
        `Invalid configuration: ${provider}_CLIENT_ID and ${provider}_CLIENT_SECRET are set together or not at all`,
      );
    }
  }
  if (checked.SCANNER === 'eicar' && !devInboxAllowed(checked.APP_ENV)) {
    throw new AppError(
      'BAD_ENVIRONMENT',
      `Invalid configuration: SCANNER=eicar is for development and tests; use clamav-http in ${checked.APP_ENV}`,
    );
  }
  if (checked.SCANNER === 'clamav-http' && !checked.SCANNER_URL) {
    throw new AppError('BAD_ENVIRONMENT', 'Invalid configuration: SCANNER_URL is required when SCANNER=clamav-http');
  }
  const config = withMail(checked);
  cache.set(env, config);
  return config;
}

/** Where the dev inbox (mail kept locally, readable at /dev/inbox) may exist. */
export function devInboxAllowed(appEnv: Config['APP_ENV']): boolean {
  return appEnv === 'development' || appEnv === 'test';
}

/**
 * Settles the mail provider and sender: the dev inbox by default in development and tests; a real
 * provider, its secret and a sender in deployed environments (production and preview).
 */
function withMail(parsed: ParsedConfig): Config {
  const deployed = !devInboxAllowed(parsed.APP_ENV);
  const provider = parsed.MAIL_PROVIDER ?? (deployed ? undefined : 'dev-inbox');
  if (!provider) {
    throw new AppError('BAD_ENVIRONMENT', `Invalid configuration: MAIL_PROVIDER must be resend or postmark in ${parsed.APP_ENV}`);
  }
  if (deployed && provider === 'dev-inbox') {
    throw new AppError(
      'BAD_ENVIRONMENT',
      `Invalid configuration: MAIL_PROVIDER=dev-inbox is for development and tests; use resend or postmark in ${parsed.APP_ENV}`,
    );
  }
  if (provider !== 'dev-inbox' && !parsed[mailSecrets[provider]]) {
    throw new AppError('BAD_ENVIRONMENT', `Invalid configuration: ${mailSecrets[provider]} is required when MAIL_PROVIDER=${provider}`);
  }
  const from = parsed.MAIL_FROM ?? (deployed ? undefined : devMailFrom);
  if (!from) throw new AppError('BAD_ENVIRONMENT', `Invalid configuration: MAIL_FROM is required in ${parsed.APP_ENV}`);
  return { ...parsed, MAIL_PROVIDER: provider, MAIL_FROM: from };
}
