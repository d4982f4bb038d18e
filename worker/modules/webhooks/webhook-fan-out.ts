import { enqueueAll } from '../../../queues/enqueue.ts';
import { newUuid } from '../../kernel/ids.ts';
import { webhookEventTypes } from '../assembly.ts';
import type { ConsumerHandler } from '../lazy-consumers.ts';
import { deliveryRequests } from './deliver.job.ts';
import * as repo from './webhooks.repo.ts';
import { MAX_ENDPOINTS_PER_WORKSPACE } from './webhooks.service.ts';

/**
 * Every published event offered to webhooks, for every endpoint of its workspace that takes its type: a delivery row in
 * the consumer's transaction (so it commits with the ledger's row, once), all in one statement, and one
 * `webhooks.deliver` message for all of them. A message that arrives before the commit looks for its row once more; one whose row never
 * came (the transaction rolled back, the event is consumed again) is dropped.
 */
export const webhookFanOut: ConsumerHandler = async (event, { tx, queue, modules }) => {
  if (!queue) throw new Error('webhooks.fan-out needs the JOBS queue binding');
  if (!webhookEventTypes(modules).some(([type]) => type === event.type)) return;
  const ids = Array.from({ length: MAX_ENDPOINTS_PER_WORKSPACE }, newUuid);
  const inserted = await repo.insertSubscribedDeliveries(tx, ids, {
    id: event.id,
    workspaceId: event.workspace_id,
    type: event.type,
    payload: event.payload,
  });
  if (inserted.length === 0) return;
  await enqueueAll(queue, deliveryRequests(event.workspace_id, inserted));
};
