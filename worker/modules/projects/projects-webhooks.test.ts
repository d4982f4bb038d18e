import { describe, expect, it } from 'vitest';
import { documentedWebhooks } from '../webhooks/webhooks.test-helpers.ts';

describe("the API document describes the sample's events to webhook endpoints", () => {
  it("describes each event's body from its declared payload schema, and the Standard Webhooks headers", async () => {
    const { post } = (await documentedWebhooks())['project.created'] ?? { post: undefined };
    expect(post).toMatchObject({ operationId: 'webhookProjectCreated', summary: 'A project was created', security: [] });
    expect(post?.parameters.map((p) => [p.name, p.in, p.required])).toEqual([
      ['webhook-id', 'header', true],
      ['webhook-timestamp', 'header', true],
      ['webhook-signature', 'header', true],
    ]);
    const body = post?.requestBody.content['application/json'].schema;
    expect(body?.required).toEqual(['type', 'timestamp', 'data']);
    expect(body?.properties.type).toEqual({ type: 'string', const: 'project.created' });
    expect(body?.properties.data).toMatchObject({
      type: 'object',
      properties: { project_id: { type: 'string', pattern: '^prj_[0-9a-z]+$' } },
      required: ['project_id'],
      additionalProperties: false,
    });
  });
});
