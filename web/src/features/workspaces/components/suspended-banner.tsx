import { Link } from 'react-router';
import { buttonClass } from '@/components/ui/button';
import { paths } from '@/config/paths';
import { formatDate } from '@/lib/format';
import { t } from '@/lib/i18n';

/** Shown on every page of a suspended workspace: it can be read, not changed; paying lifts a suspension for unpaid invoices. */
export function SuspendedBanner({ since, slug }: { since: string; slug: string }) {
  return (
    <div
      className="flex flex-col gap-3 rounded-lg border border-warning/40 bg-warning-soft p-3 text-sm sm:flex-row sm:items-start"
      role="status"
      data-testid="suspended-banner"
    >
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <p className="min-w-0 break-words">{t('suspendedBanner.thisWorkspaceIsSuspended')}</p>
        <p>{t('suspendedBanner.since', { since: formatDate(since) })}</p>
      </div>
      <Link className={buttonClass('secondary', 'sm', 'self-start')} to={paths.workspace.billing.getHref(slug)}>
        {t('suspendedBanner.billing')}
      </Link>
    </div>
  );
}
