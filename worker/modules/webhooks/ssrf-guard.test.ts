import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { DohAddressResolver } from '../../adapters/dns/doh.ts';
import { checkWebhookUrl, type UrlPolicy } from './ssrf-guard.ts';
import { acceptable, hostile, publishZone, zone } from './ssrf-cases.ts';

const resolverUrl = (env as unknown as Record<string, string>).DNS_RESOLVER_URL as string;
const policy = (overrides: Partial<UrlPolicy> = {}): UrlPolicy => ({
  appEnv: 'production',
  exemptOrigins: [],
  resolver: new DohAddressResolver(resolverUrl),
  ...overrides,
});

describe('webhook URL guard', () => {
  beforeAll(publishZone);

  it.each(hostile)('refuses %s (%s)', async (url) => {
    expect(hostile.length).toBeGreaterThanOrEqual(30);
    await expect(checkWebhookUrl(url, policy())).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { url: [expect.any(String)] },
    });
  });

  it.each(acceptable)('accepts %s', async (url) => {
    await expect(checkWebhookUrl(url, policy())).resolves.toBeInstanceOf(URL);
  });

  it('accepts plain http in development, still refusing private addresses there', async () => {
    await expect(checkWebhookUrl(`http://hooks.${zone}/`, policy({ appEnv: 'development' }))).resolves.toBeInstanceOf(URL);
    await expect(checkWebhookUrl('http://127.0.0.1:9000/', policy({ appEnv: 'development' }))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('lets through exactly the origins the operator exempted, no other port or scheme', async () => {
    const exempt = policy({ appEnv: 'test', exemptOrigins: ['http://127.0.0.1:9999'] });
    await expect(checkWebhookUrl('http://127.0.0.1:9999/hook', exempt)).resolves.toBeInstanceOf(URL);
    await expect(checkWebhookUrl('http://127.0.0.1:9998/hook', exempt)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(checkWebhookUrl('https://127.0.0.1:9999/hook', exempt)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
