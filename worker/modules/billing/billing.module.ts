import { defineModule } from '../module.ts';
import { applyProviderEvent } from './billing-events.consumer.ts';
import { publishes } from './billing.events.ts';
import { permissions } from './billing.permissions.ts';
import { billingRoutes } from './billing.routes.ts';
import { startTrial } from './trial.listener.ts';
import { syncSeats } from './seats.consumer.ts';

/**
 * Billing: plans (`billing.plans.ts`), the provider's customer and subscription per workspace,
 * hosted Checkout and portal, and Stripe's webhooks recorded with an outbox event and applied once
 * by its consumer (docs/decisions/041-payment-provider-seam.md, 042-stripe-event-ledger.md).
 */
export const billingModule = defineModule({
  name: 'billing',
  routes: [billingRoutes],
  permissions,
  emits: ['billing.provider-event'],
  publishes,
  listeners: { 'workspace.created': [startTrial] },
  consumers: [applyProviderEvent, syncSeats],
});
