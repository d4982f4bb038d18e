import { Check } from 'lucide-react';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardTitle } from '@/components/ui/card';
import { FormError } from '@/components/ui/form-error';
import { formatMoney, type PaidPlanId, paidPlanIds, plans } from '@/config/plans';
import { useMembers } from '@/features/members/api/get-members';
import { can } from '@/lib/authorization';
import { cn } from '@/lib/cn';
import { formatBytes } from '@/lib/format';
import { t } from '@/lib/i18n';
import { useStartCheckout } from '../api/billing';

type Interval = 'month' | 'year';

function features(id: PaidPlanId): string[] {
  const plan = plans[id];
  const limit = (n: number | null, key: 'planPicker.members' | 'planPicker.projects') =>
    n === null ? t(`${key}Unlimited`) : t(key, { count: n });
  return [
    limit(plan.limits.members, 'planPicker.members'),
    limit(plan.limits.projects, 'planPicker.projects'),
    ...(plan.limits.storageBytes === null
      ? [t('planPicker.storageUnlimited')]
      : [t('planPicker.storage', { size: formatBytes(plan.limits.storageBytes) })]),
    ...(plan.features.auditLogExport ? [t('planPicker.auditLogExport')] : []),
    ...(plan.features.sso ? [t('planPicker.sso')] : []),
    ...(plan.features.prioritySupport ? [t('planPicker.prioritySupport')] : []),
  ];
}

/** The people who can choose the plan, named for those who cannot. */
function WhoCanChoose({ slug }: { slug: string }) {
  const { items: memberItems } = useMembers(slug);
  const names = memberItems.filter((m) => can(m.role, 'billing:manage')).map((m) => m.user.name) ?? [];
  return (
    <p className="text-sm text-muted" data-testid="billing-managers">
      {names.length > 0 ? t('planPicker.askManagers', { names: names.join(', ') }) : t('planPicker.askOwner')}
    </p>
  );
}

function PlanCard({
  id,
  interval,
  current,
  onChoose,
  choosing,
}: {
  id: PaidPlanId;
  interval: Interval;
  current: boolean;
  onChoose: (() => void) | null;
  choosing: boolean;
}) {
  const plan = plans[id];
  const price = plan.prices[interval];
  const per = t(
    interval === 'month'
      ? plan.perSeat
        ? 'planPicker.perMemberMonth'
        : 'planPicker.perMonth'
      : plan.perSeat
        ? 'planPicker.perMemberYear'
        : 'planPicker.perYear',
  );
  const headingId = `plan-${id}`;
  return (
    <section
      className="flex min-w-0 flex-col gap-3 rounded-lg border border-border p-4"
      aria-labelledby={headingId}
      data-testid={`plan-${id}`}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-base font-semibold" id={headingId}>
          {plan.name}
        </h3>
        {current ? <Badge tone="success">{t('planPicker.current')}</Badge> : null}
      </div>
      <p className="text-sm text-muted">{plan.description}</p>
      <p>
        <span className="text-2xl font-semibold tabular-nums">{formatMoney(price.amount, price.currency)}</span>{' '}
        <span className="text-sm text-muted">{per}</span>
      </p>
      <ul className="flex flex-col gap-1 text-sm">
        {features(id).map((line) => (
          <li key={line} className="flex items-start gap-2">
            <Check aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-success" />
            <span>{line}</span>
          </li>
        ))}
      </ul>
      {onChoose ? (
        <div className="mt-auto pt-2">
          <Button onClick={onChoose} isLoading={choosing}>
            {t('planPicker.choose', { plan: plan.name })}
          </Button>
        </div>
      ) : null}
    </section>
  );
}

/**
 * The paid plans with a monthly/yearly toggle. Choosing one starts Stripe's hosted Checkout; the
 * plan changes only when Stripe's webhook arrives. A running subscription changes in the portal;
 * people without the billing permission see who has it.
 */
export function PlanPicker({
  slug,
  role,
  currentPlan,
  subscribed,
}: {
  slug: string;
  role: Parameters<typeof can>[0];
  currentPlan: string;
  subscribed: boolean;
}) {
  const [interval, setInterval] = useState<Interval>('month');
  const checkout = useStartCheckout(slug);
  const canManage = can(role, 'billing:manage');
  const chosen = checkout.variables?.plan;
  return (
    <Card aria-labelledby="plans-title" data-testid="plan-picker">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <CardTitle id="plans-title">{t('planPicker.title')}</CardTitle>
        <fieldset className="inline-flex gap-1 rounded-lg bg-subtle p-1">
          <legend className="sr-only">{t('planPicker.billingPeriod')}</legend>
          {(['month', 'year'] as const).map((value) => (
            <button
              key={value}
              type="button"
              aria-pressed={interval === value}
              onClick={() => setInterval(value)}
              className={cn(
                'rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap text-muted hover:text-fg',
                interval === value && 'bg-surface text-fg shadow-card',
              )}
            >
              {t(value === 'month' ? 'planPicker.monthly' : 'planPicker.yearly')}
            </button>
          ))}
        </fieldset>
      </div>
      {subscribed ? <p className="text-sm text-muted">{t('planPicker.changeInPortal')}</p> : null}
      {!canManage ? <WhoCanChoose slug={slug} /> : null}
      <FormError error={checkout.error} shown={[]} />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        {paidPlanIds.map((id) => (
          <PlanCard
            key={id}
            id={id}
            interval={interval}
            current={subscribed && currentPlan === id}
            choosing={checkout.isPending && chosen === id}
            onChoose={canManage && !subscribed ? () => checkout.mutate({ plan: id, interval }) : null}
          />
        ))}
      </div>
    </Card>
  );
}
