import { useSearchParams } from 'react-router';
import { Banner } from '@/components/ui/banner';
import { ErrorBanner } from '@/components/ui/error-banner';
import { PageSpinner } from '@/components/ui/spinner';
import { planName } from '@/config/plans';
import { can, type Role } from '@/lib/authorization';
import { t } from '@/lib/i18n';
import { useBillingAccount, usePlanStatus, useRefreshOnPlanChange } from '../api/billing';
import { PlanPicker } from './plan-picker';
import { PlanSummary } from './plan-summary';
import { UsageChart } from './usage-chart';

/** How often the page re-reads the plan while a paid Checkout's webhook is awaited. */
const confirmationPollMs = 2000;

/**
 * Back from Checkout: Stripe's success redirect grants nothing. The page says the payment is being
 * confirmed and re-reads the plan until the webhook has changed it.
 */
function CheckoutReturn({ outcome, confirmed, plan }: { outcome: string | null; confirmed: boolean; plan: string }) {
  if (outcome === 'canceled') {
    return (
      <Banner tone="notice">
        <p>{t('billing.checkoutCanceled')}</p>
      </Banner>
    );
  }
  if (outcome !== 'success') return null;
  return (
    <div role="status" aria-live="polite" data-testid="checkout-return" className="rounded-lg border border-border bg-subtle p-3 text-sm">
      {confirmed ? t('billing.checkoutConfirmed', { plan: planName(plan) }) : t('billing.checkoutPending')}
    </div>
  );
}

/** The workspace's billing: the plan and its state, usage, and the plans to choose from. */
export function BillingView({ slug, role }: { slug: string; role: Role }) {
  const [search] = useSearchParams();
  const outcome = search.get('checkout');
  const canManage = can(role, 'billing:manage');
  const awaiting = outcome === 'success';
  const status = usePlanStatus(slug, {
    pollMs: (query) => (awaiting && query.state.data?.state !== 'subscribed' ? confirmationPollMs : false),
  });
  const subscribed = status.data?.state === 'subscribed' || status.data?.state === 'past_due';
  const account = useBillingAccount(slug, { enabled: canManage });
  useRefreshOnPlanChange(slug, status.data?.state);
  return (
    <div className="flex min-w-0 flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t('billing.title')}</h1>
      {status.isPending ? (
        <PageSpinner label={t('billing.loading')} />
      ) : status.isError ? (
        <ErrorBanner error={status.error} onRetry={() => status.refetch()} />
      ) : (
        <>
          <CheckoutReturn outcome={outcome} confirmed={status.data.state === 'subscribed'} plan={status.data.plan} />
          {account.isError ? <ErrorBanner error={account.error} onRetry={() => account.refetch()} /> : null}
          <PlanSummary slug={slug} status={status.data} subscription={account.data?.subscription ?? null} canManage={canManage} />
          <UsageChart slug={slug} />
          <PlanPicker slug={slug} role={role} currentPlan={status.data.plan} subscribed={subscribed} />
        </>
      )}
    </div>
  );
}
