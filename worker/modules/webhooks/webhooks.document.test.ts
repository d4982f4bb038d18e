import { describe, expect, it } from 'vitest';
import { documentedWebhooks } from './webhooks.test-helpers.ts';
import { eventDeclarations, webhookEventTypes } from '../assembly.ts';

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

  it('sends no database id: no subscribable event declares a uuid anywhere in its payload', async () => {
    const uuidFields: string[] = [];
    const visit = (schema: unknown, path: string) => {
      if (!schema || typeof schema !== 'object') return;
      if ((schema as { format?: unknown }).format === 'uuid') uuidFields.push(path);
      for (const [key, value] of Object.entries(schema)) visit(value, `${path}.${key}`);
    };
    for (const [type, { post }] of Object.entries(await documentedWebhooks())) {
      visit(post.requestBody.content['application/json'].schema.properties.data, type);
    }
    expect(uuidFields).toEqual([]);
  });
});
