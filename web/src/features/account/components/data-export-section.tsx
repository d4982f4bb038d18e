import { Badge } from '@/components/ui/badge';
import { Button, buttonClass } from '@/components/ui/button';
import { JobProgress, jobStatusText } from '@/components/ui/job-progress';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { PageSpinner } from '@/components/ui/spinner';
import { formatDateTime } from '@/lib/format';
import { type PersonalExport, useExports } from '../api/get-exports';
import { useQueryClient } from '@tanstack/react-query';
import { exportsKey } from '../api/get-exports';
import { cancelExport, useRequestExport } from '../api/request-export';
import { t } from '@/lib/i18n';
import { Card } from '@/components/ui/card';

const statusLabel = (item: PersonalExport) =>
  item.job.status === 'cancelled'
    ? t('dataExportSection.status.cancelled')
    : { pending: 'Queued', running: 'Gathering', done: 'Ready', failed: 'Failed' }[item.status];

function ExportRow({ item }: { item: PersonalExport }) {
  const queryClient = useQueryClient();
  const busy = item.status === 'pending' || item.status === 'running';
  return (
    <li className="flex flex-col gap-2 py-3 first:pt-0 last:pb-0 sm:flex-row sm:items-center sm:justify-between" data-testid="export-row">
      <div className="flex min-w-0 flex-col gap-0.5">
        <div className="font-medium break-words">
          <span className="font-medium break-words">{t('dataExportSection.exportOf', { when: formatDateTime(item.created_at) })}</span>{' '}
          <Badge tone={item.status === 'done' ? 'success' : 'muted'}>{statusLabel(item)}</Badge>
        </div>
        {busy ? (
          <JobProgress
            job={item.job}
            label={t('dataExportSection.exportProgress')}
            statusText={jobStatusText('dataExportSection')}
            cancelLabel={t('dataExportSection.cancel')}
            onCancel={() => cancelExport(item.id).then(() => queryClient.invalidateQueries({ queryKey: exportsKey }))}
          />
        ) : null}
        {item.status === 'done' && item.expires_at ? (
          <p className="text-sm text-muted">{t('dataExportSection.keptUntil', { when: formatDateTime(item.expires_at) })}</p>
        ) : null}
        {item.status === 'failed' ? (
          <p className="text-sm text-muted">
            {item.job.status === 'cancelled' ? t('dataExportSection.cancelled') : t('dataExportSection.thisExportFailedStart')}
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap gap-2">
        {item.download_url ? (
          <a className={buttonClass('secondary', 'sm')} href={item.download_url} download>
            {t('dataExportSection.downloadJson')}
          </a>
        ) : null}
      </div>
    </li>
  );
}

/** Export everything tied to the person as a JSON archive, with progress and an expiring link. */
export function DataExportSection() {
  const exports = useExports();
  const request = useRequestExport();
  const items = exports.data?.items ?? [];
  // One export at a time: the server answers a second request with the running one.
  const running = items.some((item) => item.status === 'pending' || item.status === 'running');

  return (
    <Card aria-labelledby="your-data">
      <div className="flex min-w-0 flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <h2 className="text-lg font-semibold" id="your-data">
          {t('dataExportSection.yourData')}
        </h2>
        {items.length > 0 ? (
          <Button isLoading={request.isPending} disabled={running} onClick={() => request.mutate()}>
            {t('dataExportSection.exportMyData')}
          </Button>
        ) : null}
      </div>
      {running ? (
        <p className="text-muted" data-testid="export-running-note">
          {t('dataExportSection.anExportIsBeing')}
        </p>
      ) : null}
      {request.isError ? (
        <div className="flex flex-col gap-2">
          <ErrorBanner error={request.error} />
        </div>
      ) : null}
      {exports.isPending ? (
        <PageSpinner label={t('dataExportSection.loadingExports')} />
      ) : exports.isError ? (
        <ErrorBanner error={exports.error} onRetry={() => exports.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState
          level={3}
          title={t('dataExportSection.noExportsYet')}
          description={t('dataExportSection.anExportGathersYour')}
          action={{ label: t('dataExportSection.exportMyData2'), onClick: () => request.mutate(), isLoading: request.isPending }}
        />
      ) : (
        <ul className="flex flex-col divide-y divide-border" aria-label={t('dataExportSection.exports')}>
          {items.map((item) => (
            <ExportRow key={item.id} item={item} />
          ))}
        </ul>
      )}
    </Card>
  );
}
