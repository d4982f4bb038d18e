import { z } from 'zod';
import type { PublishedEventDeclaration } from '../module.ts';

declare module '../../kernel/bus.ts' {
  interface DomainEvents {
    /** An event was not delivered after the last retry: the endpoint turned from active to failing. */
    'webhook.endpoint_failing': { workspaceId: string; endpointId: string; url: string };
    /** Deliveries to the endpoint stopped: it answered 410 Gone, or failed for more than 3 days. */
    'webhook.endpoint_disabled': { workspaceId: string; endpointId: string; url: string; reason: string };
  }
}

export const endpointFailingPayload = z.strictObject({ endpointId: z.uuid(), url: z.string() });
export const endpointDisabledPayload = endpointFailingPayload.extend({ reason: z.string() });

/** Notices for the workspace's owners, through the outbox; never offered to the endpoints themselves. */
export const ownerNoticeEvents = {
  'webhook.endpoint_failing': { version: 1, summary: 'A webhook endpoint is failing', payload: endpointFailingPayload, webhook: false },
  'webhook.endpoint_disabled': { version: 1, summary: 'A webhook endpoint was disabled', payload: endpointDisabledPayload, webhook: false },
} as const satisfies Record<string, PublishedEventDeclaration>;
