import { Card, CardTitle } from '@/components/ui/card';
import { ErrorBanner } from '@/components/ui/error-banner';
import { Skeleton } from '@/components/ui/skeleton';
import { formatBytes } from '@/lib/format';
import { t } from '@/lib/i18n';
import { type StorageUsage, useStorageUsage } from '../api/storage-usage';

/** The share of the plan's storage in use, at most all of it. */
const shareOf = ({ used_bytes, limit_bytes }: StorageUsage) => (limit_bytes ? Math.min(1, used_bytes / limit_bytes) : 0);

function UsageBar({ usage }: { usage: StorageUsage }) {
  const share = shareOf(usage);
  const used = formatBytes(usage.used_bytes);
  if (usage.limit_bytes === null) return <p className="text-sm">{t('storageUsage.usedUnlimited', { used })}</p>;
  const limit = formatBytes(usage.limit_bytes);
  const label = t('storageUsage.usedOf', { used, limit });
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <div className="flex min-w-0 flex-wrap justify-between gap-x-3 gap-y-1 text-sm">
        <span>{label}</span>
        <span className="text-muted">{t('storageUsage.percent', { percent: Math.floor(share * 100) })}</span>
      </div>
      <div
        role="progressbar"
        aria-label={t('storageUsage.title')}
        aria-valuemin={0}
        aria-valuemax={usage.limit_bytes}
        aria-valuenow={Math.min(usage.used_bytes, usage.limit_bytes)}
        aria-valuetext={label}
        className="h-2 w-full overflow-hidden rounded-full bg-subtle"
      >
        <div className={share >= 0.9 ? 'h-full bg-danger' : 'h-full bg-primary'} style={{ width: `${share * 100}%` }} />
      </div>
      {share >= 0.9 ? <p className="text-sm text-danger">{t('storageUsage.nearlyFull')}</p> : null}
    </div>
  );
}

/** Bytes the workspace's files take against its plan's storage: any member sees it. */
export function StorageUsageSection({ slug }: { slug: string }) {
  const usage = useStorageUsage(slug);
  return (
    <Card aria-labelledby="storage-usage-title">
      <CardTitle id="storage-usage-title">{t('storageUsage.title')}</CardTitle>
      <p className="text-muted">{t('storageUsage.intro')}</p>
      {usage.isPending ? (
        <Skeleton className="h-8 w-full" />
      ) : usage.isError ? (
        <ErrorBanner error={usage.error} onRetry={() => usage.refetch()} />
      ) : (
        <UsageBar usage={usage.data} />
      )}
    </Card>
  );
}
