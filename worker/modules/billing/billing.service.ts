import type { TenantGateway } from '../../db/gateway.ts';
import { AppError } from '../../kernel/errors.ts';
import type { PaymentProvider } from '../../kernel/payment-provider.ts';
import { assertCan } from '../access.ts';
import { type BillingInterval, type PaidPlanId, stripeLookupKey } from './billing.plans.ts';
import * as repo from './billing.repo.ts';
import { planOf } from '../entitlements.ts';

function requireProvider(payments: PaymentProvider | undefined): PaymentProvider {
  if (!payments) throw new AppError('SERVICE_UNAVAILABLE', 'Billing is not configured on this deployment');
  return payments;
}

/** The plan in force (from the credential check) and the subscription behind it. One round trip. */
export async function getBilling(gateway: TenantGateway) {
  const { scope, result } = await gateway.read((http) => repo.selectCurrentSubscription(http));
  assertCan(scope, 'billing:manage');
  const row = result[0];
  return {
    plan: planOf(scope.workspace),
    subscription: row
      ? {
          payment_provider: row.paymentProvider,
          plan: row.plan,
          interval: row.billingInterval,
          status: row.status,
          current_period_end: row.currentPeriodEnd?.toISOString() ?? null,
          cancel_at: row.cancelAt?.toISOString() ?? null,
          cancel_at_period_end: row.cancelAtPeriodEnd,
          seats: row.seats,
        }
      : null,
  };
}

/**
 * The workspace's provider customer, created on first use. The provider's idempotency key is derived
 * from the workspace, so two first checkouts racing make one customer, and the insert keeps one row.
 */
async function ensureCustomer(gateway: TenantGateway, payments: PaymentProvider) {
  const { scope, result } = await gateway.read((http) => repo.selectCustomerAndLiveStatus(http));
  const workspaceId = assertCan(scope, 'billing:manage');
  const slug = scope.workspace?.slug ?? '';
  const found = result[0];
  if (found?.customerId) return { workspaceId, slug, customerId: found.customerId, liveStatus: found.liveStatus };
  const customerId = await payments.createCustomer({
    idempotencyKey: `billing-customer-${workspaceId}`,
    name: slug,
    metadata: { workspace_id: workspaceId },
  });
  await gateway.write(
    (s) => assertCan(s, 'billing:manage'),
    (db, id) => [repo.insertCustomer(db, { workspaceId: id, paymentProvider: payments.name, providerCustomerId: customerId })],
  );
  return { workspaceId, slug, customerId, liveStatus: null };
}

/**
 * A hosted Checkout for a paid plan. It grants nothing: the plan changes only when the provider's
 * signed event arrives (webhooks). A workspace with a running subscription changes plan in the portal.
 */
export async function startCheckout(
  gateway: TenantGateway,
  payments: PaymentProvider | undefined,
  input: { plan: PaidPlanId; interval: BillingInterval },
  appOrigin: string,
) {
  const provider = requireProvider(payments);
  const { workspaceId, slug, customerId, liveStatus } = await ensureCustomer(gateway, provider);
  if (liveStatus) throw new AppError('ALREADY_SUBSCRIBED', 'This workspace already has a subscription; change it in the billing portal');
  const page = new URL(`/w/${encodeURIComponent(slug)}/settings/billing`, appOrigin);
  const url = await provider.createCheckout({
    customerId,
    priceLookupKey: stripeLookupKey(input.plan, input.interval),
    quantity: 1,
    successUrl: `${page}?checkout=success`,
    cancelUrl: `${page}?checkout=canceled`,
    allowPromotionCodes: true,
    metadata: { workspace_id: workspaceId, plan: input.plan },
  });
  if (!url) throw new AppError('SERVICE_UNAVAILABLE', 'This plan has no price yet: run npm run billing:sync');
  return { url };
}

/** The provider's hosted portal: change plan, payment methods, cancel, invoices. */
export async function openPortal(gateway: TenantGateway, payments: PaymentProvider | undefined, appOrigin: string) {
  const provider = requireProvider(payments);
  const { scope, result } = await gateway.read((http) => repo.selectCustomerAndLiveStatus(http));
  assertCan(scope, 'billing:manage');
  const customerId = result[0]?.customerId;
  if (!customerId) throw new AppError('NO_BILLING_ACCOUNT', 'This workspace has no billing account yet: choose a plan first');
  const returnUrl = new URL(`/w/${encodeURIComponent(scope.workspace?.slug ?? '')}/settings/billing`, appOrigin).toString();
  return { url: await provider.createPortal({ customerId, returnUrl }) };
}
