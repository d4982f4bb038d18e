import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
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
    <li className="row" data-testid="export-row">
      <div className="row__main">
        <div className="row__title">
          <span className="row__name">Export of {formatDateTime(item.created_at)}</span>{' '}
          <Badge tone={item.status === 'done' ? 'success' : 'muted'}>{statusLabel[item.status]}</Badge>
        </div>
        {busy ? (
          <div className="row__meta">
            <progress max={100} value={item.progress} aria-label="Export progress">
              {item.progress}%
            </progress>{' '}
            {item.progress}%
          </div>
        ) : null}
        {item.status === 'done' && item.expires_at ? (
          <p className="row__meta">
            Kept until {formatDateTime(item.expires_at)}. The download link works for 15 minutes; reload this page for a fresh one.
          </p>
        ) : null}
        {item.status === 'failed' ? <p className="row__meta">This export failed. Start a new one.</p> : null}
      </div>
      <div className="row__actions">
        {item.download_url ? (
          <a className="btn btn--secondary btn--sm" href={item.download_url} download>
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
    <section className="card" aria-labelledby="your-data">
      <div className="page__header">
        <h2 className="panel__title" id="your-data">
          Your data
        </h2>
        {items.length > 0 ? (
          <Button isLoading={request.isPending} disabled={running} onClick={() => request.mutate()}>
            Export my data
          </Button>
        ) : null}
      </div>
      {running ? (
        <p className="muted" data-testid="export-running-note">
          An export is being gathered. You can start another once it has finished.
        </p>
      ) : null}
      {request.isError ? (
        <div className="export-refusal">
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
        <ul className="rows" aria-label="Exports">
          {items.map((item) => (
            <ExportRow key={item.id} item={item} />
          ))}
        </ul>
      )}
    </section>
  );
}
