import { Badge } from '@/components/ui/badge';
import { Button, buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { PageSpinner } from '@/components/ui/spinner';
import { formatDateTime } from '@/lib/format';
import { type PersonalExport, useExports } from '../api/get-exports';
import { useRequestExport } from '../api/request-export';

const statusLabel: Record<PersonalExport['status'], string> = {
  pending: 'Queued',
  running: 'Gathering',
  done: 'Ready',
  failed: 'Failed',
};

function ExportRow({ item }: { item: PersonalExport }) {
  const busy = item.status === 'pending' || item.status === 'running';
  return (
    <li className="flex flex-col gap-2 py-3 first:pt-0 last:pb-0 sm:flex-row sm:items-center sm:justify-between" data-testid="export-row">
      <div className="flex min-w-0 flex-col gap-0.5">
        <div className="font-medium break-words">
          <span className="font-medium break-words">Export of {formatDateTime(item.created_at)}</span>{' '}
          <Badge tone={item.status === 'done' ? 'success' : 'muted'}>{statusLabel[item.status]}</Badge>
        </div>
        {busy ? (
          <div className="text-sm text-muted">
            <progress max={100} value={item.progress} aria-label="Export progress">
              {item.progress}%
            </progress>{' '}
            {item.progress}%
          </div>
        ) : null}
        {item.status === 'done' && item.expires_at ? (
          <p className="text-sm text-muted">
            Kept until {formatDateTime(item.expires_at)}. The download link works for 15 minutes; reload this page for a fresh one.
          </p>
        ) : null}
        {item.status === 'failed' ? <p className="text-sm text-muted">This export failed. Start a new one.</p> : null}
      </div>
      <div className="flex flex-wrap gap-2">
        {item.download_url ? (
          <a className={buttonClass('secondary', 'sm')} href={item.download_url} download>
            Download JSON
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
    <section
      className="flex min-w-0 flex-col gap-4 rounded-lg border border-border bg-surface p-4 shadow-card sm:p-6"
      aria-labelledby="your-data"
    >
      <div className="flex min-w-0 flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <h2 className="text-lg font-semibold" id="your-data">
          Your data
        </h2>
        {items.length > 0 ? (
          <Button isLoading={request.isPending} disabled={running} onClick={() => request.mutate()}>
            Export my data
          </Button>
        ) : null}
      </div>
      {running ? (
        <p className="text-muted" data-testid="export-running-note">
          An export is being gathered. You can start another once it has finished.
        </p>
      ) : null}
      {request.isError ? (
        <div className="flex flex-col gap-2">
          <ErrorBanner error={request.error} />
        </div>
      ) : null}
      {exports.isPending ? (
        <PageSpinner label="Loading exports…" />
      ) : exports.isError ? (
        <ErrorBanner error={exports.error} onRetry={() => exports.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState
          level={3}
          title="No exports yet"
          description="An export gathers your profile, memberships, activity and what you created in your workspaces into one JSON file."
          action={{ label: 'Export my data', onClick: () => request.mutate(), isLoading: request.isPending }}
        />
      ) : (
        <ul className="flex flex-col divide-y divide-border" aria-label="Exports">
          {items.map((item) => (
            <ExportRow key={item.id} item={item} />
          ))}
        </ul>
      )}
    </section>
  );
}
