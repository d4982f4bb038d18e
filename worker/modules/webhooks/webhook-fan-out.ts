import { enqueueAll, jobRequest } from '../../../queues/enqueue.ts';
import { newUuid } from '../../kernel/ids.ts';
import { webhookEventTypes } from '../assembly.ts';
import type { EventConsumer } from '../module.ts';
import { deliverWebhook } from './deliver.job.ts';
import * as repo from './webhooks.repo.ts';

/**
 * Every published event offered to webhooks, for every endpoint of its workspace that takes its type: a delivery row in
 * the consumer's transaction (so it commits with the ledger's row, once) and a `webhooks.deliver`
 * message. A message that arrives before the commit looks for its row once more; one whose row never
 * came (the transaction rolled back, the event is consumed again) is dropped.
 */
export const webhookFanOut: EventConsumer = {
  name: 'webhooks.fan-out',
  events: '*',
  // Only where an endpoint is live: a trigger on webhook_endpoint counts them (migration 0048).
  when: 'workspace-interest',
  async handle(event, { tx, queue, modules }) {
    if (!queue) throw new Error('webhooks.fan-out needs the JOBS queue binding');
    if (!webhookEventTypes(modules).some(([type]) => type === event.type)) return;
    const endpoints = await repo.selectSubscribed(tx, event.workspace_id, event.type);
    if (endpoints.length === 0) return;
    const inserted = await repo.insertDeliveries(
      tx,
      endpoints.map((endpoint) => ({
        id: newUuid(),
        workspaceId: event.workspace_id,
        endpointId: endpoint.id,
        eventId: event.id,
        eventType: event.type,
        payload: event.payload,
      })),
    );
    await enqueueAll(
      queue,
      inserted.map((row) => jobRequest(deliverWebhook, { workspace_id: event.workspace_id, delivery_id: row.id, attempt: 1 })),
    );
  },
};
