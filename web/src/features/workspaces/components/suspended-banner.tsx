import { formatDate } from '@/lib/format';
import { t } from '@/lib/i18n';

/** Shown on every page of a suspended workspace: it can be read, not changed. */
export function SuspendedBanner({ since }: { since: string }) {
  return (
    <div
      className="flex flex-col gap-1 rounded-lg border border-warning/40 bg-warning-soft p-3 text-sm"
      role="status"
      data-testid="suspended-banner"
    >
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <p className="min-w-0 break-words">{t('suspendedBanner.thisWorkspaceIsSuspended')}</p>
        <p>{t('suspendedBanner.since', { since: formatDate(since) })}</p>
      </div>
    </div>
  );
}
