import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { AppError } from './errors.ts';

const valid = {
  APP_ENV: 'test',
  APP_ORIGIN: 'http://localhost:8787',
  DATABASE_URL: 'postgres://app:pw-in-url@db.internal:5432/app',
  APP_SECRET: 's3cr3t-value-'.padEnd(40, 'x'),
};

/** The AppError loadConfig throws for this environment (fails the test if it does not throw one). */
function refusal(env: Record<string, unknown>): AppError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('loadConfig', () => {
  it('accepts a valid environment and fills the defaults', () => {
    const config = loadConfig({ ...valid, CORS_ORIGINS: ' https://a.example , https://b.example ,' });
    expect(config).toMatchObject({
      APP_ENV: 'test',
      CORS_ORIGINS: ['https://a.example', 'https://b.example'],
      RATE_LIMIT_BACKEND: 'durable-object',
      MAX_BODY_BYTES: 64 * 1024,
    });
    expect(loadConfig({ ...valid, MAX_BODY_BYTES: '1024' }).MAX_BODY_BYTES).toBe(1024);
  });

  it('names a missing APP_SECRET', () => {
    const { APP_SECRET: _, ...env } = valid;
    const error = refusal(env);
    expect(error.code).toBe('BAD_ENVIRONMENT');
    expect(error.status).toBe(500);
    expect(error.message).toContain('APP_SECRET');
  });

  it('names a weak APP_SECRET without repeating it', () => {
    const error = refusal({ ...valid, APP_SECRET: 'short-secret-value' });
    expect(error.code).toBe('BAD_ENVIRONMENT');
    expect(error.message).toContain('APP_SECRET');
    expect(error.message).not.toContain('short-secret-value');
  });

  it('names a DATABASE_URL that is not postgres:// without repeating it', () => {
    for (const url of ['mysql://root:hunter2@db/app', 'http://db.internal', '']) {
      const error = refusal({ ...valid, DATABASE_URL: url });
      expect(error.code).toBe('BAD_ENVIRONMENT');
      expect(error.message).toContain('DATABASE_URL');
      expect(error.message).not.toContain('APP_SECRET');
      if (url) expect(error.message).not.toContain(url);
    }
    expect(loadConfig({ ...valid, DATABASE_URL: 'postgresql://a@b/c' }).DATABASE_URL).toBe('postgresql://a@b/c');
  });

  it('requires both Upstash variables with RATE_LIMIT_BACKEND=upstash', () => {
    for (const extra of [{}, { UPSTASH_REDIS_REST_URL: 'https://x.upstash.io' }, { UPSTASH_REDIS_REST_TOKEN: 'tok-123' }]) {
      const error = refusal({ ...valid, RATE_LIMIT_BACKEND: 'upstash', ...extra });
      expect(error.code).toBe('BAD_ENVIRONMENT');
      expect(error.message).toContain('UPSTASH_REDIS_REST_URL');
      expect(error.message).toContain('UPSTASH_REDIS_REST_TOKEN');
      expect(error.message).not.toContain('tok-123');
    }
    const config = loadConfig({
      ...valid,
      RATE_LIMIT_BACKEND: 'upstash',
      UPSTASH_REDIS_REST_URL: 'https://x.upstash.io',
      UPSTASH_REDIS_REST_TOKEN: 'tok-123',
    });
    expect(config.RATE_LIMIT_BACKEND).toBe('upstash');
  });

  it('refuses NEON_LOCAL_PROXY in production, including when APP_ENV defaults to production', () => {
    for (const env of [
      { ...valid, APP_ENV: 'production', NEON_LOCAL_PROXY: '127.0.0.1:5480' },
      { APP_ORIGIN: valid.APP_ORIGIN, DATABASE_URL: valid.DATABASE_URL, APP_SECRET: valid.APP_SECRET, NEON_LOCAL_PROXY: '127.0.0.1:5480' },
    ]) {
      const error = refusal(env);
      expect(error.code).toBe('BAD_ENVIRONMENT');
      expect(error.message).toContain('NEON_LOCAL_PROXY');
    }
    // An empty value is the same as none.
    const mail = { MAIL_PROVIDER: 'resend', RESEND_API_KEY: 're_key', MAIL_FROM: 'no-reply@example.com' };
    expect(loadConfig({ ...valid, ...mail, APP_ENV: 'production', NEON_LOCAL_PROXY: '' }).NEON_LOCAL_PROXY).toBeFalsy();
    expect(loadConfig({ ...valid, APP_ENV: 'development', NEON_LOCAL_PROXY: '127.0.0.1:5480' }).NEON_LOCAL_PROXY).toBe('127.0.0.1:5480');
  });

  it('names every invalid variable at once', () => {
    const error = refusal({ APP_ENV: 'staging', APP_ORIGIN: 'not a url', MAX_BODY_BYTES: 'lots' });
    for (const name of ['APP_ENV', 'APP_ORIGIN', 'DATABASE_URL', 'APP_SECRET', 'MAX_BODY_BYTES']) expect(error.message).toContain(name);
    expect(error.message).not.toContain('not a url');
    expect(error.message).not.toContain('staging');
  });
});

describe('mail configuration', () => {
  const production = { ...valid, APP_ENV: 'production', MAIL_FROM: 'Edge SaaS <no-reply@example.com>' };

  it('defaults to the dev inbox and a placeholder sender outside production', () => {
    expect(loadConfig({ ...valid })).toMatchObject({ MAIL_PROVIDER: 'dev-inbox', MAIL_FROM: 'Edge SaaS <no-reply@example.com>' });
    expect(loadConfig({ ...valid, APP_ENV: 'development', MAIL_PROVIDER: '' }).MAIL_PROVIDER).toBe('dev-inbox');
  });

  it('requires a real provider in production and preview, naming MAIL_PROVIDER', () => {
    for (const appEnv of ['production', 'preview']) {
      expect(refusal({ ...production, APP_ENV: appEnv }).message).toContain(`MAIL_PROVIDER must be resend or postmark in ${appEnv}`);
      expect(refusal({ ...production, APP_ENV: appEnv, MAIL_PROVIDER: 'dev-inbox' }).message).toContain(
        'MAIL_PROVIDER=dev-inbox is for development and tests',
      );
    }
  });

  it('names the missing provider secret, in every environment', () => {
    expect(refusal({ ...production, MAIL_PROVIDER: 'resend' }).message).toContain('RESEND_API_KEY is required when MAIL_PROVIDER=resend');
    expect(refusal({ ...valid, MAIL_PROVIDER: 'postmark', POSTMARK_SERVER_TOKEN: '' }).message).toContain(
      'POSTMARK_SERVER_TOKEN is required when MAIL_PROVIDER=postmark',
    );
  });

  it('requires MAIL_FROM in production and checks its shape without repeating secrets', () => {
    const { MAIL_FROM: _, ...withoutFrom } = production;
    expect(refusal({ ...withoutFrom, MAIL_PROVIDER: 'resend', RESEND_API_KEY: 're_live_secret' }).message).toContain(
      'MAIL_FROM is required in production',
    );
    const error = refusal({ ...production, MAIL_FROM: 'a@x.com, b@y.com', MAIL_PROVIDER: 'resend', RESEND_API_KEY: 're_live_secret' });
    expect(error.message).toContain('MAIL_FROM');
    expect(error.message).not.toContain('re_live_secret');
    expect(refusal({ ...valid, MAIL_PROVIDER: 'sendmail' }).message).toContain('MAIL_PROVIDER');
  });

  it('accepts a complete production setup', () => {
    const config = loadConfig({ ...production, MAIL_PROVIDER: 'postmark', POSTMARK_SERVER_TOKEN: 'pm-token' });
    expect(config).toMatchObject({ MAIL_PROVIDER: 'postmark', POSTMARK_SERVER_TOKEN: 'pm-token' });
  });

  it('takes an OAuth provider’s client id and secret together, and keeps the real endpoints by default', () => {
    expect(refusal({ ...valid, GOOGLE_CLIENT_ID: 'id-only' }).message).toContain('GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET');
    expect(refusal({ ...valid, GITHUB_CLIENT_SECRET: 'secret-only' }).message).toContain('GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET');
    expect(loadConfig({ ...valid, GOOGLE_CLIENT_ID: 'a', GOOGLE_CLIENT_SECRET: 'b' })).toMatchObject({
      GITHUB_OAUTH_URL: 'https://github.com',
      GITHUB_API_URL: 'https://api.github.com',
      DNS_RESOLVER_URL: 'https://cloudflare-dns.com/dns-query',
    });
  });
});
