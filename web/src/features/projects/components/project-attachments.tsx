import { Button } from '@/components/ui/button';
import { Card, CardTitle } from '@/components/ui/card';
import { ErrorBanner } from '@/components/ui/error-banner';
import { FormError } from '@/components/ui/form-error';
import { Skeleton } from '@/components/ui/skeleton';
import { DownloadButton, FileStatus } from '@/features/files/components/files-view';
import { FilePicker, UploadProgressBar, useUploadProgress } from '@/features/files/components/upload-file';
import { can, type Role } from '@/lib/authorization';
import { formatBytes } from '@/lib/format';
import { t } from '@/lib/i18n';
import { useAttachments, useAttachUpload, useDetach } from '../api/attachments';

/** Files attached to the project: uploaded straight to storage with a progress bar, downloadable once clean. */
export function ProjectAttachments({ slug, role, projectId }: { slug: string; role: Role; projectId: string }) {
  const attachments = useAttachments(slug, projectId);
  const progress = useUploadProgress();
  const attach = useAttachUpload(slug, projectId, { onProgress: progress.report });
  const detach = useDetach(slug, projectId);
  const canEdit = can(role, 'project:update') && can(role, 'file:upload');
  return (
    <Card aria-labelledby="attachments-title">
      <CardTitle id="attachments-title">{t('attachments.title')}</CardTitle>
      {canEdit ? (
        <div className="flex min-w-0 flex-col gap-3">
          <div>
            <FilePicker
              label={t('attachments.add')}
              disabled={attach.isPending}
              onFile={(file) => {
                progress.start(file.name);
                attach.mutate(file, { onSettled: progress.done });
              }}
            />
          </div>
          {progress.current ? <UploadProgressBar {...progress.current} /> : null}
          <FormError error={attach.error ?? detach.error} shown={[]} />
        </div>
      ) : null}
      {attachments.isPending ? (
        <Skeleton className="h-10 w-full" />
      ) : attachments.isError ? (
        <ErrorBanner error={attachments.error} onRetry={() => attachments.refetch()} />
      ) : attachments.data.items.length === 0 ? (
        <p className="text-sm text-muted">{t('attachments.none')}</p>
      ) : (
        <ul className="flex min-w-0 flex-col divide-y divide-border">
          {attachments.data.items.map((file) => (
            <li key={file.id} className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-2 py-2" data-testid="attachment-row">
              <span className="min-w-0 flex-1 basis-40 font-medium break-all">{file.name}</span>
              <span className="shrink-0 text-sm text-muted">{formatBytes(file.size)}</span>
              <FileStatus status={file.status} />
              <div className="flex shrink-0 gap-2">
                <DownloadButton slug={slug} file={file} />
                {canEdit ? (
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-label={t('attachments.detachOne', { name: file.name })}
                    isLoading={detach.isPending && detach.variables === file.id}
                    onClick={() => detach.mutate(file.id)}
                  >
                    {t('attachments.detach')}
                  </Button>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
