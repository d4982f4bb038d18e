import { describe, expect, it } from 'vitest';
import { call } from '../../test/client.ts';
import { eventDeclarations, webhookEventTypes } from '../assembly.ts';

type WebhookOperation = {
  operationId: string;
  summary: string;
  security: unknown[];
  parameters: Array<{ name: string; in: string; required: boolean }>;
  requestBody: { content: { 'application/json': { schema: { properties: Record<string, any>; required: string[] } } } };
};

async function documentedWebhooks(): Promise<Record<string, { post: WebhookOperation }>> {
  const res = await call('GET', '/api/v1/openapi.json');
  expect(res.status).toBe(200);
  return res.json.webhooks ?? {};
}

describe('the API document describes the webhooks', () => {
  it('has one entry for every event type an endpoint can subscribe to, and none for the notices to owners', async () => {
    const webhooks = await documentedWebhooks();
    const subscribable = webhookEventTypes().map(([type]) => type);
    expect(Object.keys(webhooks).sort()).toEqual(subscribable);
    const published = Object.keys(eventDeclarations());
    expect(published).toContain('webhook.endpoint_disabled');
    expect(Object.keys(webhooks)).not.toContain('webhook.endpoint_disabled');
    expect(Object.keys(webhooks)).not.toContain('webhook.endpoint_failing');
  });
});
