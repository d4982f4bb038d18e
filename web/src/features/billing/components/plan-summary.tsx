import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardTitle } from '@/components/ui/card';
import { FormError } from '@/components/ui/form-error';
import { formatMoney, isPlanId, planName, plans } from '@/config/plans';
import { formatDate } from '@/lib/format';
import { t } from '@/lib/i18n';
import { type PlanStatus, type Subscription, useExtendTrial, useOpenPortal } from '../api/billing';
import { daysLeft } from '../lib/trial';

const stateTone = { subscribed: 'success', trialing: 'neutral', past_due: 'danger', trial_ended: 'danger', free: 'muted' } as const;

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="flex min-w-0 flex-col gap-0.5">
      <dt className="text-sm text-muted">{label}</dt>
      <dd className="min-w-0 break-words font-medium" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

/** What the next invoice will be: the plan's price for the interval, times the seats on a per-seat plan. */
function nextInvoice(subscription: Subscription): string | null {
  if (subscription.cancel_at_period_end || !subscription.current_period_end || !subscription.interval) return null;
  if (!isPlanId(subscription.plan)) return null;
  const plan = plans[subscription.plan];
  if (!plan.prices) return null;
  const price = plan.prices[subscription.interval];
  const amount = price.amount * (plan.perSeat ? subscription.seats : 1);
  return t('planSummary.nextInvoiceOn', { amount: formatMoney(amount, price.currency), date: formatDate(subscription.current_period_end) });
}

function TrialExtension({ slug }: { slug: string }) {
  const extend = useExtendTrial(slug);
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-3">
        <p className="font-medium">{t('planSummary.needMoreTime')}</p>
        <Button variant="secondary" size="sm" isLoading={extend.isPending} onClick={() => extend.mutate()}>
          {t('planSummary.extendTrial')}
        </Button>
      </div>
      <FormError error={extend.error} shown={[]} />
    </div>
  );
}

/**
 * The plan in force, its state and the trial's countdown for everyone; the subscription (seats, the
 * next invoice) and the way to the portal for people who manage billing.
 */
export function PlanSummary({
  slug,
  status,
  subscription,
  canManage,
}: {
  slug: string;
  status: PlanStatus;
  subscription: Subscription | null;
  canManage: boolean;
}) {
  const portal = useOpenPortal(slug);
  const trial = status.trial;
  const invoice = subscription ? nextInvoice(subscription) : null;
  return (
    <Card aria-labelledby="plan-title" data-testid="plan-summary">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <CardTitle id="plan-title">{t('planSummary.title')}</CardTitle>
        <Badge tone={stateTone[status.state]}>{t(`planSummary.state.${status.state}`)}</Badge>
      </div>
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Fact label={t('planSummary.plan')} testId="current-plan">
          {planName(status.plan)}
        </Fact>
        {status.state === 'trialing' && trial ? (
          <Fact label={t('planSummary.trial')} testId="trial-countdown">
            {t('planSummary.trialLeft', { days: daysLeft(trial.ends_at), date: formatDate(trial.ends_at) })}
          </Fact>
        ) : null}
        {subscription ? (
          <>
            <Fact label={t('planSummary.seats')}>{subscription.seats}</Fact>
            <Fact label={t('planSummary.nextInvoice')}>
              {invoice ??
                (subscription.cancel_at_period_end && subscription.current_period_end
                  ? t('planSummary.endsOn', { date: formatDate(subscription.current_period_end) })
                  : t('planSummary.noInvoice'))}
            </Fact>
          </>
        ) : null}
      </dl>
      {canManage && trial?.extension_available ? <TrialExtension slug={slug} /> : null}
      {canManage && subscription ? (
        <div className="flex flex-col gap-2">
          <div>
            <Button variant="secondary" isLoading={portal.isPending} onClick={() => portal.mutate()}>
              {t('planSummary.manageBilling')}
            </Button>
          </div>
          <p className="text-sm text-muted">{t('planSummary.manageHint')}</p>
          <FormError error={portal.error} shown={[]} />
        </div>
      ) : null}
    </Card>
  );
}
