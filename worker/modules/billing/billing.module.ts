import { lazyRoutes } from '../lazy-routes.ts';
import { defineModule } from '../module.ts';
import { applyProviderEvent } from './billing-events.consumer.ts';
import { notifications, publishes } from './billing.events.ts';
import { permissions } from './billing.permissions.ts';
import { startTrial } from './trial.listener.ts';
import { syncSeats } from './seats.consumer.ts';
import { countUsage, rollUpUsage } from './usage.jobs.ts';
import { escalateDunning } from './dunning.jobs.ts';
import { jobRequest } from '../../../queues/enqueue.ts';

/**
 * Billing: plans (`billing.plans.ts`), the provider's customer and subscription per workspace,
 * hosted Checkout and portal, and Stripe's webhooks recorded with an outbox event and applied once
 * by its consumer (docs/decisions/041-payment-provider-seam.md, 042-stripe-event-ledger.md).
 */
export const billingModule = defineModule({
  name: 'billing',
  routes: [lazyRoutes(['/billing', '/w/{workspace}/billing'], () => import('./billing.routes.ts').then((m) => m.billingRoutes()))],
  permissions,
  emits: ['billing.provider-event', 'billing.payment_failed'],
  publishes,
  notifications,
  listeners: { 'workspace.created': [startTrial] },
  consumers: [applyProviderEvent, syncSeats],
  jobs: [countUsage, rollUpUsage, escalateDunning],
  // Metered usage into usage_record and to Stripe's meters (docs/decisions/057-metering.md).
  // Dunning's 30- and 60-day steps (058).
  cron: { '*/15 * * * *': [jobRequest(rollUpUsage, {})], '30 2 * * *': [jobRequest(escalateDunning, {})] },
});
