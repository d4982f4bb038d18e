import { lazyConsumer } from '../lazy-consumers.ts';
import { lazyRoutes } from '../lazy-routes.ts';
import { defineModule } from '../module.ts';
import { devWebhookInboxRoutes } from './dev-webhook-inbox.routes.ts';
import { ownerNoticeEvents } from './owner-notices.ts';
import { deliveryIds, endpointIds } from './webhooks.ids.ts';
import { documentWebhooks } from './webhooks.document.ts';
import { permissions } from './webhooks.permissions.ts';

/**
 * Outgoing webhooks (docs/decisions/040-outgoing-webhooks.md): a workspace's endpoints receive its
 * published events, signed by the Standard Webhooks scheme, with retries, a delivery log and replays.
 */
export const webhooksModule = defineModule({
  name: 'webhooks',
  routes: [lazyRoutes(['/w/{workspace}/webhooks'], () => import('./webhooks.routes.ts').then((m) => m.webhookRoutes()))],
  pages: [devWebhookInboxRoutes],
  permissions,
  ids: [endpointIds, deliveryIds],
  jobs: () => import('./deliver.job.ts').then((m) => [m.deliverWebhooks, m.deliverWebhookV1]),
  emits: ['webhook.endpoint_failing', 'webhook.endpoint_disabled'],
  publishes: ownerNoticeEvents,
  consumers: [
    // Only where an endpoint is live: a trigger on webhook_endpoint counts them (migration 0048).
    lazyConsumer({ name: 'webhooks.fan-out', events: '*', when: 'workspace-interest' }, () =>
      import('./webhook-fan-out.ts').then((m) => m.webhookFanOut),
    ),
    lazyConsumer({ name: 'webhooks.notify-owners', events: ['webhook.endpoint_failing', 'webhook.endpoint_disabled'] }, () =>
      import('./owner-notices.consumer.ts').then((m) => m.notifyOwners),
    ),
  ],
  documentWebhooks,
});
