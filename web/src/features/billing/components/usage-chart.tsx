import { Card, CardTitle } from '@/components/ui/card';
import { ErrorBanner } from '@/components/ui/error-banner';
import { Skeleton } from '@/components/ui/skeleton';
import { t } from '@/lib/i18n';
import { type Usage, useUsage } from '../api/billing';

const count = new Intl.NumberFormat();

/** `2026-12` as a short month name and year, in the app's locale. */
const monthLabel = (period: string) =>
  new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${period}-01T00:00:00Z`));

function Bars({ metric }: { metric: Usage['metrics'][number] }) {
  const limit = metric.limit_per_month;
  const top = Math.max(limit ?? 0, ...metric.periods.map((p) => p.quantity), 1);
  return (
    <ul className="flex flex-col gap-2" aria-label={t('usage.apiRequests')}>
      {metric.periods.map((p) => (
        <li key={p.period} className="grid grid-cols-[4.5rem_1fr_auto] items-center gap-3 text-sm sm:grid-cols-[6rem_1fr_9rem]">
          <span className="text-muted">{monthLabel(p.period)}</span>
          <span className="h-3 min-w-0 overflow-hidden rounded-full bg-subtle" aria-hidden="true">
            <span className="block h-full rounded-full bg-primary" style={{ width: `${(p.quantity / top) * 100}%` }} />
          </span>
          <span className="text-right tabular-nums">{t('usage.requests', { count: count.format(p.quantity) })}</span>
        </li>
      ))}
    </ul>
  );
}

/** API requests made with API keys per month, as the roll-up (every 15 minutes) recorded them, against the plan's limit. */
export function UsageChart({ slug }: { slug: string }) {
  const usage = useUsage(slug);
  const metric = usage.data?.metrics.find((m) => m.metric === 'api_requests');
  return (
    <Card aria-labelledby="usage-title" data-testid="usage-chart">
      <CardTitle id="usage-title">{t('usage.title')}</CardTitle>
      <p className="text-muted">
        {metric?.limit_per_month != null ? t('usage.introLimit', { limit: count.format(metric.limit_per_month) }) : t('usage.intro')}
      </p>
      {usage.isPending ? (
        <Skeleton className="h-40 w-full" />
      ) : usage.isError ? (
        <ErrorBanner error={usage.error} onRetry={() => usage.refetch()} />
      ) : metric ? (
        <Bars metric={metric} />
      ) : null}
    </Card>
  );
}
