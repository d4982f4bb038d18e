import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { Input } from '@/components/ui/input';
import { JobProgress, jobFinished, jobStatusText } from '@/components/ui/job-progress';
import { ProgressBar } from '@/components/ui/progress-bar';
import { t } from '@/lib/i18n';
import { cancelJob, errorReportCsv, getJob, type ImportRowError, startImport, uploadCsv } from '../api/import-projects';
import { projectListsKey } from '../api/get-projects';
import { Card } from '@/components/ui/card';

interface ImportResult {
  imported: number;
  failed: number;
  errors: ImportRowError[];
}

function downloadReport(errors: readonly ImportRowError[]) {
  const url = URL.createObjectURL(new Blob([errorReportCsv(errors)], { type: 'text/csv' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: 'import-errors.csv' });
  link.click();
  URL.revokeObjectURL(url);
}

/** The job of an import, polled every second until it ends; the project list is refreshed as chunks land. */
function ImportJobProgress({ slug, jobId }: { slug: string; jobId: string }) {
  const queryClient = useQueryClient();
  const listedAt = useRef(0);
  const job = useQuery({
    queryKey: ['jobs', slug, jobId],
    queryFn: async () => {
      const current = await getJob(slug, jobId);
      if (jobFinished(current) || current.progress > listedAt.current) {
        listedAt.current = current.progress;
        await queryClient.invalidateQueries({ queryKey: projectListsKey(slug) });
      }
      return current;
    },
    refetchInterval: (query) => (query.state.data && jobFinished(query.state.data) ? false : 1000),
  });
  const data = job.data;
  const result = (data?.result ?? null) as ImportResult | null;
  return (
    <div className="flex min-w-0 flex-col gap-3">
      <JobProgress
        job={data}
        label={t('projectsImport.importing')}
        statusText={jobStatusText('projectsImport')}
        units={(done, total) => t('projectsImport.rowsOf', { done, total })}
        cancelLabel={t('projectsImport.cancel')}
        onCancel={() => cancelJob(slug, jobId).then(() => job.refetch())}
      />
      {result ? <p className="text-sm">{t('projectsImport.summary', { imported: result.imported, failed: result.failed })}</p> : null}
      {result && result.errors.length > 0 ? (
        <div className="flex min-w-0 flex-col gap-2">
          <ul className="flex max-h-48 flex-col gap-1 overflow-y-auto text-sm" aria-label={t('projectsImport.errors')}>
            {result.errors.slice(0, 20).map((error) => (
              <li key={error.row} className="break-words">
                {t('projectsImport.rowError', { row: error.row, column: error.column ?? '—', message: error.message })}
              </li>
            ))}
          </ul>
          <div>
            <Button variant="secondary" size="sm" onClick={() => downloadReport(result.errors)}>
              {t('projectsImport.downloadReport')}
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

/**
 * "Import CSV": choose a file, upload it straight to storage (with its progress), start the import
 * and watch its job: progress, cancel, and the rows it refused.
 */
export function ImportProjectsPanel({ slug, onClose }: { slug: string; onClose: () => void }) {
  const form = useForm<{ file: FileList | null }>({ defaultValues: { file: null } });
  const [upload, setUpload] = useState<number | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const onSubmit = form.handleSubmit(async ({ file }) => {
    const chosen = file?.[0];
    if (!chosen) return form.setError('file', { message: t('projectsImport.chooseFile') });
    setError(null);
    try {
      setUpload(0);
      const fileId = await uploadCsv(slug, chosen, setUpload);
      setJobId((await startImport(slug, fileId)).id);
    } catch (caught) {
      setError(caught);
      setUpload(null);
    }
  });

  return (
    <Card aria-labelledby="import-projects-title">
      <h2 className="text-lg font-semibold" id="import-projects-title">
        {t('projectsImport.title')}
      </h2>
      <p className="text-sm text-muted">{t('projectsImport.hint')}</p>
      {jobId ? (
        <ImportJobProgress slug={slug} jobId={jobId} />
      ) : (
        <form className="flex min-w-0 flex-col gap-3" onSubmit={onSubmit} noValidate>
          <div className="flex min-w-0 flex-col gap-1">
            <label className="text-sm font-medium" htmlFor="import-projects-file">
              {t('projectsImport.file')}
            </label>
            <Input id="import-projects-file" type="file" accept=".csv,text/csv" {...form.register('file')} />
          </div>
          {form.formState.errors.file?.message ? <p className="text-sm text-danger">{form.formState.errors.file.message}</p> : null}
          {upload !== null ? <ProgressBar value={Math.round(upload * 100)} max={100} label={t('projectsImport.uploading')} /> : null}
          <FormError error={error} shown={[]} />
          <div className="flex flex-wrap gap-2">
            <Button type="submit" isLoading={form.formState.isSubmitting}>
              {t('projectsImport.start')}
            </Button>
            <Button type="button" variant="ghost" onClick={onClose}>
              {t('projectsImport.close')}
            </Button>
          </div>
        </form>
      )}
      {jobId ? (
        <div>
          <Button type="button" variant="ghost" onClick={onClose}>
            {t('projectsImport.close')}
          </Button>
        </div>
      ) : null}
    </Card>
  );
}
