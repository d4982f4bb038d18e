import { defineModule } from '../module.ts';
import { applyStripeEvent } from './billing-events.job.ts';
import { permissions } from './billing.permissions.ts';
import { billingRoutes } from './billing.routes.ts';

/**
 * Billing: plans (`billing.plans.ts`), the provider's customer and subscription per workspace,
 * hosted Checkout and portal, and Stripe's webhooks applied once from the queue
 * (docs/decisions/041-payment-provider-seam.md, 042-stripe-event-ledger.md).
 */
export const billingModule = defineModule({
  name: 'billing',
  routes: [billingRoutes],
  permissions,
  jobs: [applyStripeEvent],
});
