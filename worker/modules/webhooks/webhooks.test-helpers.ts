import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { call } from '../../test/client.ts';

/**
 * Test support (imported by tests only): the local stand-ins the global test setup starts. DNS
 * records go to the DNS-over-HTTPS stand-in (scripts/identity-fakes/doh.ts).
 */
const bindings = env as unknown as Record<string, string>;
const dohOrigin = new URL(bindings.DNS_RESOLVER_URL as string).origin;

export async function publishAddress(name: string, type: 'A' | 'AAAA', value: string): Promise<void> {
  const res = await fetch(`${dohOrigin}/__records`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, type, value }),
  });
  if (res.status !== 204) throw new Error(`publishing ${type} ${name}: ${res.status}`);
}

export const receiverUrl = bindings.TEST_WEBHOOK_RECEIVER_URL as string;

export type Behaviour = 'ok' | 'fail' | 'big' | 'slow' | 'gone' | 'redirect' | 'retry-after';

/** A fresh receiver address answering with `behaviour`; what reaches it is listed by `received(name)`. */
export function hookUrl(behaviour: Behaviour, name = `hook-${crypto.randomUUID().slice(0, 12)}`) {
  return { name, url: `${receiverUrl}/hooks/${behaviour}/${name}` };
}

export interface Received {
  behaviour: string;
  headers: Record<string, string>;
  body: string;
}

export async function received(name: string): Promise<Received[]> {
  return (await fetch(`${receiverUrl}/__received/${name}`)).json();
}

export type WebhookOperation = {
  operationId: string;
  summary: string;
  security: unknown[];
  parameters: Array<{ name: string; in: string; required: boolean }>;
  requestBody: { content: { 'application/json': { schema: { properties: Record<string, unknown>; required: string[] } } } };
};

/** The served document's `webhooks` section (none when no module publishes a subscribable event). */
export async function documentedWebhooks(): Promise<Record<string, { post: WebhookOperation }>> {
  const res = await call('GET', '/api/v1/openapi.json');
  expect(res.status).toBe(200);
  return res.json.webhooks ?? {};
}
