import { z } from 'zod';
import type { DomainEventType } from '../../kernel/bus.ts';
import type { PublishedEventDeclaration } from '../module.ts';

const header = (name: string, description: string, example: string) => ({
  name,
  in: 'header',
  required: true,
  description,
  schema: { type: 'string' },
  example,
});

const signatureHeaders = [
  header(
    'webhook-id',
    'The event id: the same on every attempt and replay, so a receiver can drop duplicates.',
    '0198f1c2-7b1e-7c3a-9d0e-2f4a6b8c0d1e',
  ),
  header('webhook-timestamp', 'Seconds since the Unix epoch when this attempt was signed; refuse one far from now.', '1767225600'),
  header(
    'webhook-signature',
    'Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`, one per signing secret (two for 24 h after a rotation).',
    'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
  ),
];

/** JSON Schema (2020-12, as OpenAPI 3.1 uses) of an event's payload, without the `$schema` line. */
function payloadSchema(payload: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(payload, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' });
  return schema;
}

function operationOf(type: DomainEventType, declared: PublishedEventDeclaration) {
  return {
    post: {
      operationId: `webhook${type.replace(/(?:^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_m, c: string) => c.toUpperCase())}`,
      summary: declared.summary,
      description:
        `Sent to every endpoint of the workspace that subscribed to \`${type}\` (or to every event type), ` +
        `signed by the Standard Webhooks scheme. Event schema version ${declared.version}.`,
      security: [],
      parameters: signatureHeaders,
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['type', 'timestamp', 'data'],
              additionalProperties: false,
              properties: {
                type: { type: 'string', const: type },
                timestamp: { type: 'string', format: 'date-time', description: 'When the event happened.' },
                data: payloadSchema(declared.payload),
              },
            },
          },
        },
      },
      responses: {
        '200': { description: 'Any 2xx answer within 10 s acknowledges the delivery.' },
        '410': { description: 'The endpoint is gone: it is disabled and receives nothing more.' },
        default: { description: 'Anything else, or no answer, is retried after 1 min, 5 min, 30 min, 2 h and 12 h.' },
      },
    },
  };
}

/** One `webhooks` entry per event type an endpoint can subscribe to, named by the type. */
export function documentWebhooks(events: ReadonlyArray<readonly [DomainEventType, PublishedEventDeclaration]>): Record<string, unknown> {
  return Object.fromEntries(events.map(([type, declared]) => [type, operationOf(type, declared)]));
}
