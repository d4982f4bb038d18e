import { lazyRoutes } from '../lazy-routes.ts';
import { lazyConsumer } from '../lazy-consumers.ts';
import { defineModule } from '../module.ts';
import { notifications, publishes } from './billing.events.ts';
import { permissions } from './billing.permissions.ts';
import { startTrial } from './trial.listener.ts';
import { jobRequest } from '../../../queues/enqueue.ts';

/** The job files of billing: metering's and dunning's, loaded together by the queue and the cron trigger. */
const billingJobFiles = () => Promise.all([import('./usage.jobs.ts'), import('./dunning.jobs.ts')]);

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
  consumers: [
    lazyConsumer({ name: 'billing.apply-provider-event', events: ['billing.provider-event'] }, () =>
      import('./billing-events.consumer.ts').then((m) => m.applyProviderEvent),
    ),
    lazyConsumer({ name: 'billing.sync-seats', events: ['members.changed'] }, () => import('./seats.consumer.ts').then((m) => m.syncSeats)),
  ],
  jobs: async () => {
    const [usage, dunning] = await billingJobFiles();
    return [usage.countUsage, usage.rollUpUsage, dunning.escalateDunning];
  },
  // Metered usage into usage_record and to Stripe's meters (docs/decisions/057-metering.md).
  // Dunning's 30- and 60-day steps (058).
  cron: async () => {
    const [usage, dunning] = await billingJobFiles();
    return { '*/15 * * * *': [jobRequest(usage.rollUpUsage, {})], '30 2 * * *': [jobRequest(dunning.escalateDunning, {})] };
  },
});
