import { z } from 'zod';
import type { PublishedEvent } from '../../kernel/bus.ts';
import { parseRecipient, requireMailer } from '../../kernel/mailer.ts';
import { webhookEndpointEmail } from '../mail/templates/webhook-endpoint.tsx';
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
 * Mails every owner of the workspace when one of its endpoints turns failing or is disabled. A mail
 * that fails throws, so the event is consumed again later; the owners already mailed may then get it twice.
 */
export const notifyOwners: EventConsumer = {
  name: 'webhooks.notify-owners',
  events: ['webhook.endpoint_failing', 'webhook.endpoint_disabled'],
  async handle(event, { tx, services, config }) {
    const mailer = requireMailer(services.mailer);
    const { notice, url, reason } = noticeOf(event);
    const owners = await selectOwners(tx, event.workspace_id);
    for (const owner of owners) {
      const mail = await webhookEndpointEmail({ notice, url, reason, workspaceName: owner.workspaceName, appOrigin: config.APP_ORIGIN });
      await mailer.send({ to: parseRecipient(owner.email), ...mail });
    }
  },
};
