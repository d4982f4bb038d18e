import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { LoadMore } from '@/components/ui/load-more';
import { type ListColumn, ListTable } from '@/components/ui/list-table';
import { RelativeTime } from '@/components/ui/relative-time';
import { PageSpinner } from '@/components/ui/spinner';
import { t } from '@/lib/i18n';
import { addNotification } from '@/stores/notifications';
import { type JobFailure, useJobFailures, useRetryJob } from '../api/job-failures';

const columns: Array<ListColumn<JobFailure>> = [
  { label: t('jobFailures.job'), cell: (f) => <code className="font-mono text-xs">{f.job}</code> },
  { label: t('jobFailures.error'), cell: (f) => <span className="break-words">{f.error}</span> },
  { label: t('jobFailures.attempts'), cell: (f) => String(f.attempts) },
  { label: t('jobFailures.failed'), cell: (f) => <RelativeTime iso={f.failed_at} /> },
];

function RetryButton({ slug, failure }: { slug: string; failure: JobFailure }) {
  const retry = useRetryJob(slug);
  // A failure is sent again at most once: after that the row says when, and the button is gone.
  if (failure.retried_at) {
    return (
      <span className="text-sm text-muted">
        {t('jobFailures.retried')} <RelativeTime iso={failure.retried_at} />
      </span>
    );
  }
  return (
    <Button
      variant="secondary"
      size="sm"
      aria-label={t('jobFailures.retryOne', { job: failure.job })}
      isLoading={retry.isPending}
      onClick={() => retry.mutate(failure.id, { onSuccess: () => addNotification({ kind: 'success', message: t('jobFailures.queued') }) })}
    >
      {t('jobFailures.retry')}
    </Button>
  );
}

/** The workspace's background jobs that ran out of attempts, with their last error; each can be sent once more. */
export function JobFailuresView({ slug }: { slug: string }) {
  const { query: failures, items: failuresItems } = useJobFailures(slug);
  return (
    <div className="flex min-w-0 flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t('jobFailures.title')}</h1>
      <p className="text-muted">{t('jobFailures.intro')}</p>
      {failures.isPending ? (
        <PageSpinner label={t('jobFailures.loading')} />
      ) : failures.isError ? (
        <ErrorBanner error={failures.error} onRetry={() => failures.refetch()} />
      ) : (
        <>
          <ListTable
            items={failuresItems}
            columns={columns}
            actions={(f) => <RetryButton slug={slug} failure={f} />}
            rowTestId="job-failure-row"
            empty={<EmptyState title={t('jobFailures.none')} description={t('jobFailures.noneHint')} action={null} />}
          />
          <LoadMore query={failures} />
        </>
      )}
    </div>
  );
}
