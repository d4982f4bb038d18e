import { z } from 'zod';
import type { PublishedEvent } from '../../kernel/bus.ts';
import { requireMailOutbox } from '../mail/outbound-mail.ts';
import type { EventConsumer, PublishedEventDeclaration } from '../module.ts';
import { selectOwners } from './owner-notices.repo.ts';

declare module '../../kernel/bus.ts' {
  interface DomainEvents {
    /** An event was not delivered after the last retry: the endpoint turned from active to failing. */
    'webhook.endpoint_failing': { workspaceId: string; endpointId: string; url: string };
    /** Deliveries to the endpoint stopped: it answered 410 Gone, or failed for more than 3 days. */
    'webhook.endpoint_disabled': { workspaceId: string; endpointId: string; url: string; reason: string };
  }
}

const failing = z.strictObject({ endpointId: z.uuid(), url: z.string() });
const disabled = failing.extend({ reason: z.string() });

/** Notices for the workspace's owners, through the outbox; never offered to the endpoints themselves. */
export const ownerNoticeEvents = {
  'webhook.endpoint_failing': { version: 1, summary: 'A webhook endpoint is failing', payload: failing, webhook: false },
  'webhook.endpoint_disabled': { version: 1, summary: 'A webhook endpoint was disabled', payload: disabled, webhook: false },
} as const satisfies Record<string, PublishedEventDeclaration>;

function noticeOf(event: PublishedEvent) {
  if (event.type === 'webhook.endpoint_disabled') return { notice: 'disabled' as const, ...disabled.parse(event.payload) };
  return { notice: 'failing' as const, reason: null, ...failing.parse(event.payload) };
}

/**
 * Mails every owner of the workspace when one of its endpoints turns failing or is disabled: the mail
 * is written in the consumer's transaction, with its receipt, so each owner gets it once; it is sent
 * after the dispatch.
 */
export const notifyOwners: EventConsumer = {
  name: 'webhooks.notify-owners',
  events: ['webhook.endpoint_failing', 'webhook.endpoint_disabled'],
  async handle(event, { tx, services }) {
    const outbox = requireMailOutbox(services.mail);
    const { notice, url, reason } = noticeOf(event);
    const owners = await selectOwners(tx, event.workspace_id);
    for (const owner of owners) {
      const mail = await outbox.prepare({
        template: 'webhook-endpoint',
        to: owner.email,
        params: { notice, url, reason, workspaceName: owner.workspaceName },
      });
      await mail(tx);
    }
  },
};
