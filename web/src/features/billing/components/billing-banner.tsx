import { Link } from 'react-router';
import { Banner } from '@/components/ui/banner';
import { buttonClass } from '@/components/ui/button';
import { paths } from '@/config/paths';
import { planName } from '@/config/plans';
import { formatDate } from '@/lib/format';
import { t } from '@/lib/i18n';
import { usePlanStatus } from '../api/billing';
import { daysLeft } from '../lib/trial';

/**
 * The billing state on every page of the workspace: the trial's countdown, a failed payment, and the
 * read-only mode once the trial ended without a plan. Each leads to the billing page.
 */
export function BillingBanner({ slug }: { slug: string }) {
  const status = usePlanStatus(slug);
  if (!status.data) return null;
  const { state, trial } = status.data;
  const toBilling = (label: string) => (
    <Link className={buttonClass('secondary', 'sm')} to={paths.workspace.billing.getHref(slug)}>
      {label}
    </Link>
  );
  if (state === 'trialing' && trial) {
    const days = daysLeft(trial.ends_at);
    return (
      <div data-testid="trial-banner">
        <Banner tone="notice" action={toBilling(t('billingBanner.choosePlan'))}>
          <p className="font-medium">
            {days === 1
              ? t('billingBanner.trialOneDay', { plan: planName(trial.plan) })
              : t('billingBanner.trialDays', { days, plan: planName(trial.plan) })}
          </p>
          <p>{t('billingBanner.trialEnds', { date: formatDate(trial.ends_at) })}</p>
        </Banner>
      </div>
    );
  }
  if (state === 'trial_ended') {
    return (
      <div data-testid="read-only-banner">
        <Banner tone="error" action={toBilling(t('billingBanner.choosePlan'))}>
          <p className="font-medium">{t('billingBanner.trialEnded')}</p>
          <p>{t('billingBanner.trialEndedHint')}</p>
        </Banner>
      </div>
    );
  }
  if (state === 'past_due') {
    return (
      <div data-testid="past-due-banner">
        <Banner tone="error" action={toBilling(t('billingBanner.fixPayment'))}>
          <p className="font-medium">{t('billingBanner.pastDue')}</p>
          <p>{t('billingBanner.pastDueHint', { plan: planName(status.data.plan) })}</p>
        </Banner>
      </div>
    );
  }
  return null;
}
