import type { PublishedEvent } from '../../kernel/bus.ts';
import type { ConsumerHandler } from '../lazy-consumers.ts';
import { requireMailOutbox } from '../mail/outbound-mail.ts';
import { endpointDisabledPayload, endpointFailingPayload } from './owner-notices.ts';
import { selectOwners } from './owner-notices.repo.ts';

function noticeOf(event: PublishedEvent) {
  if (event.type === 'webhook.endpoint_disabled') return { notice: 'disabled' as const, ...endpointDisabledPayload.parse(event.payload) };
  return { notice: 'failing' as const, reason: null, ...endpointFailingPayload.parse(event.payload) };
}

/**
 * Mails every owner of the workspace when one of its endpoints turns failing or is disabled: the mail
 * is written in the consumer's transaction, with its receipt, so each owner gets it once; it is sent
 * after the dispatch.
 */
export const notifyOwners: ConsumerHandler = async (event, { tx, services }) => {
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
};
