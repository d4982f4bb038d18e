import { useEffect } from 'react';
import { Button, buttonClass } from '@/components/ui/button';
import { Card, CardTitle } from '@/components/ui/card';
import { ErrorBanner } from '@/components/ui/error-banner';
import { FormError } from '@/components/ui/form-error';
import { t } from '@/lib/i18n';
import { JobProgress, jobFinished, jobStatusText } from '@/components/ui/job-progress';
import { auditExportDownloadHref, cancelAuditExport, useAuditExport, useAuditExportJob, useStartAuditExport } from '../api/audit-exports';

/**
 * The audit log as a file (JSON lines): started here, prepared in the background, downloaded when
 * done. A plan without the export gets the upgrade prompt from the API's PLAN_REQUIRED.
 */
export function AuditExportSection({ slug }: { slug: string }) {
  const start = useStartAuditExport(slug);
  const current = useAuditExport(slug, start.data?.id ?? null);
  const jobId = start.data?.job_id ?? null;
  const job = useAuditExportJob(slug, jobId);
  const status = current.data?.status ?? start.data?.status;
  // The job ends first: read the export again at once, so its download is offered as "Export ready" shows.
  const jobEnded = job.data ? jobFinished(job.data) : false;
  const refetchExport = current.refetch;
  useEffect(() => {
    if (jobEnded) void refetchExport();
  }, [jobEnded, refetchExport]);
  return (
    <Card aria-labelledby="audit-export-title" data-testid="audit-export">
      <CardTitle id="audit-export-title">{t('auditExport.title')}</CardTitle>
      <p className="text-muted">{t('auditExport.intro')}</p>
      <FormError error={start.error} shown={[]} />
      {current.isError ? <ErrorBanner error={current.error} onRetry={() => current.refetch()} /> : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button
          variant="secondary"
          isLoading={start.isPending || status === 'pending' || status === 'running'}
          onClick={() => start.mutate()}
        >
          {t('auditExport.start')}
        </Button>
        {status === 'done' && start.data ? (
          <a className={buttonClass('primary')} href={auditExportDownloadHref(slug, start.data.id)} download>
            {t('auditExport.download', { count: current.data?.row_count ?? 0 })}
          </a>
        ) : null}

        {status === 'failed' ? (
          <p className="text-sm text-danger" role="status">
            {t('auditExport.failed')}
          </p>
        ) : null}
      </div>
      {jobId && job.data ? (
        <JobProgress
          job={job.data}
          label={t('auditExport.progress')}
          statusText={jobStatusText('auditExport')}
          units={(done, total) => t('auditExport.entriesOf', { done, total })}
          cancelLabel={t('auditExport.cancel')}
          onCancel={() => cancelAuditExport(slug, jobId).then(() => job.refetch())}
        />
      ) : status === 'pending' || status === 'running' ? (
        <p className="text-sm text-muted" role="status">
          {t('auditExport.preparing')}
        </p>
      ) : null}
    </Card>
  );
}
