import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../kernel/config.ts';
import { wire } from '../../wiring.ts';

describe('configured sign-in providers', () => {
  it('offers only the providers whose client id and secret are configured', () => {
    const base = {
      APP_ENV: 'test',
      APP_ORIGIN: 'https://app.example.com',
      DATABASE_URL: 'postgres://x@y/z',
      APP_SECRET: 'x'.repeat(40),
      MAIL_PROVIDER: 'resend',
      RESEND_API_KEY: 're_key',
    };
    const none = wire({ ...base } as never, loadConfig({ ...base }));
    expect(Object.keys(none.oauthProviders ?? {})).toEqual([]);
    const env = { ...base, GITHUB_CLIENT_ID: 'a', GITHUB_CLIENT_SECRET: 'b' };
    expect(Object.keys(wire(env as never, loadConfig(env)).oauthProviders ?? {})).toEqual(['github']);
  });
});
