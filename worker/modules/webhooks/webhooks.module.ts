import { lazyRoutes } from '../lazy-routes.ts';
import { defineModule } from '../module.ts';
import { deliverWebhooks, deliverWebhookV1 } from './deliver.job.ts';
import { devWebhookInboxRoutes } from './dev-webhook-inbox.routes.ts';
import { notifyOwners, ownerNoticeEvents } from './owner-notices.ts';
import { webhookFanOut } from './webhook-fan-out.ts';
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
  jobs: [deliverWebhooks, deliverWebhookV1],
  emits: ['webhook.endpoint_failing', 'webhook.endpoint_disabled'],
  publishes: ownerNoticeEvents,
  consumers: [webhookFanOut, notifyOwners],
  documentWebhooks,
});
