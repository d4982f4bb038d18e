import { useState } from 'react';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { ProgressBar } from '@/components/ui/progress-bar';
import { t } from '@/lib/i18n';
import type { MessageKey } from '@/locales/en';

/** The fields of a job (`GET …/jobs/{id}`, or a data export's `job`) that its progress shows. */
export interface JobView {
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  progress: number;
  total: number | null;
  current: string | null;
  error: string | null;
  cancel_requested: boolean;
}

export const jobFinished = (job: Pick<JobView, 'status'>) => job.status !== 'queued' && job.status !== 'running';

/** A kind of job whose five status sentences are in the catalogue under `<kind>.status.<status>`. */
type JobStatusKind = { [K in MessageKey]: K extends `${infer Kind}.status.queued` ? Kind : never }[MessageKey];

/** The status sentences of one kind of job, for `JobProgress`'s `statusText`. */
export const jobStatusText = (kind: JobStatusKind): Record<JobView['status'], string> => ({
  queued: t(`${kind}.status.queued`),
  running: t(`${kind}.status.running`),
  succeeded: t(`${kind}.status.succeeded`),
  failed: t(`${kind}.status.failed`),
  cancelled: t(`${kind}.status.cancelled`),
});

/**
 * A job as it moves, the same for every kind (an import, an export): its status in the words of
 * its kind, what it is doing, a progress bar of `progress` out of `total`, a cancel button while
 * it runs, and its error once it failed.
 */
export function JobProgress({
  job,
  label,
  statusText,
  units,
  cancelLabel,
  onCancel,
}: {
  job: JobView | undefined;
  /** Names the progress bar: "Importing", "Export progress". */
  label: string;
  statusText: Record<JobView['status'], string>;
  /** "2,000 of 4,890 rows"; without it the share is shown as a percentage. */
  units?: (done: number, total: number) => string;
  cancelLabel: string;
  onCancel: () => Promise<unknown>;
}) {
  const [cancelError, setCancelError] = useState<unknown>(null);
  if (!job) return <ProgressBar value={0} max={1} label={label} />;
  const total = job.total ?? 0;
  const share = total > 0 ? Math.floor((100 * job.progress) / total) : null;
  return (
    <div className="flex min-w-0 flex-col gap-2" data-testid="job-progress">
      <div className="flex min-w-0 flex-wrap items-center justify-between gap-2 text-sm">
        <span className="break-words" role="status">
          {statusText[job.status]}
          {!jobFinished(job) && job.current ? <span className="text-muted"> · {job.current}</span> : null}
        </span>
        {total > 0 ? <span className="text-muted">{units ? units(job.progress, total) : `${share}%`}</span> : null}
      </div>
      {/* Without a total (not counted yet) the bar waits at the start rather than guessing. */}
      <ProgressBar value={total > 0 ? job.progress : 0} max={Math.max(total, 1)} label={label} />
      {!jobFinished(job) ? (
        <div>
          <Button variant="secondary" size="sm" disabled={job.cancel_requested} onClick={() => onCancel().catch(setCancelError)}>
            {job.cancel_requested ? t('jobProgress.cancelling') : cancelLabel}
          </Button>
        </div>
      ) : null}
      <FormError error={cancelError} shown={[]} />
      {job.status === 'failed' && job.error ? <Banner tone="error">{job.error}</Banner> : null}
    </div>
  );
}
