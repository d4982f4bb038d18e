import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { LoadMore } from '@/components/ui/load-more';
import { type ListColumn, ListTable } from '@/components/ui/list-table';
import { RelativeTime } from '@/components/ui/relative-time';
import { PageSpinner } from '@/components/ui/spinner';
import { can, type Role } from '@/lib/authorization';
import { formatBytes } from '@/lib/format';
import { t } from '@/lib/i18n';
import { type StoredFile, useDownloadFile, useFiles } from '../api/files';
import { UploadFile } from './upload-file';

export function FileStatus({ status }: { status: StoredFile['status'] }) {
  if (status === 'clean') return <Badge tone="success">{t('files.status.clean')}</Badge>;
  if (status === 'quarantined') return <Badge tone="danger">{t('files.status.quarantined')}</Badge>;
  return <Badge tone="muted">{t('files.status.scanning')}</Badge>;
}

const columns: Array<ListColumn<StoredFile>> = [
  { label: t('files.name'), cell: (f) => <span className="font-medium break-all">{f.name}</span> },
  { label: t('files.size'), cell: (f) => formatBytes(f.size) },
  { label: t('files.statusLabel'), cell: (f) => <FileStatus status={f.status} /> },
  { label: t('files.added'), cell: (f) => <RelativeTime iso={f.created_at} /> },
];

export function DownloadButton({ slug, file }: { slug: string; file: StoredFile }) {
  const download = useDownloadFile(slug);
  if (file.status !== 'clean') return null;
  return (
    <Button
      variant="secondary"
      size="sm"
      aria-label={t('files.downloadOne', { name: file.name })}
      isLoading={download.isPending}
      onClick={() => download.mutate(file.id)}
    >
      {t('files.download')}
    </Button>
  );
}

/** The workspace's files: uploaded straight to storage, scanned, and downloadable once found clean. */
export function FilesView({ slug, role }: { slug: string; role: Role }) {
  const { query: files, items: filesItems } = useFiles(slug);
  return (
    <div className="flex min-w-0 flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t('files.title')}</h1>
      <p className="text-muted">{t('files.intro')}</p>
      {can(role, 'file:upload') ? <UploadFile slug={slug} /> : null}
      {files.isPending ? (
        <PageSpinner label={t('files.loading')} />
      ) : files.isError ? (
        <ErrorBanner error={files.error} onRetry={() => files.refetch()} />
      ) : (
        <>
          <ListTable
            items={filesItems}
            columns={columns}
            actions={(f) => <DownloadButton slug={slug} file={f} />}
            rowTestId="file-row"
            empty={<EmptyState title={t('files.none')} description={t('files.noneHint')} action={null} />}
          />
          <LoadMore query={files} />
        </>
      )}
    </div>
  );
}
