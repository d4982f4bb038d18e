import { useMutation, useQuery } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { downloadLink, ScanTookTooLong, scannedFile, uploadFile } from '@/features/files/api/files';
import { FilePicker, UploadProgressBar, useUploadProgress } from '@/features/files/components/upload-file';
import { t } from '@/lib/i18n';
import { inlineErrors } from '@/lib/react-query';
import type { WorkspaceSettings } from '../api/get-workspace';
import { useUpdateWorkspace } from '../api/update-workspace';
import { WorkspaceLogo } from './workspace-logo';

/** What storage serves inline; anything else could not be shown as a picture. */
const imageTypes = 'image/png,image/jpeg,image/gif,image/webp,image/avif';

function LogoImage({ workspace }: { workspace: WorkspaceSettings }) {
  const logoId = workspace.logo_file_id;
  // A signed link lives five minutes: fetch a new one before it runs out.
  const link = useQuery({
    queryKey: ['workspaces', workspace.slug, 'logo', logoId],
    queryFn: () => downloadLink(workspace.slug, logoId ?? '', 'inline'),
    enabled: logoId !== null,
    staleTime: 4 * 60_000,
  });
  if (logoId === null || !link.data) return <WorkspaceLogo name={workspace.name} />;
  return (
    <img
      src={link.data.url}
      alt={t('workspaces.logoOf', { name: workspace.name })}
      className="size-16 rounded-md border border-border object-cover"
    />
  );
}

/** Upload an image, wait for the scan to find it clean, then make it the logo; or go back to the initial. */
export function WorkspaceLogoSection({ workspace, canEdit }: { workspace: WorkspaceSettings; canEdit: boolean }) {
  const update = useUpdateWorkspace();
  const progress = useUploadProgress();
  const upload = useMutation({
    mutationKey: ['workspaces', 'logo'],
    meta: inlineErrors,
    mutationFn: async (file: File) => {
      const uploaded = await uploadFile(workspace.slug, file, progress.report);
      const scanned = await scannedFile(workspace.slug, uploaded.id);
      return update.mutateAsync({ slug: workspace.slug, input: { logo_file_id: scanned.id } });
    },
    onSettled: progress.done,
  });
  return (
    <div className="flex min-w-0 flex-col gap-2">
      <span className="text-sm font-medium">{t('workspaces.logo')}</span>
      <div className="flex min-w-0 flex-wrap items-center gap-3">
        <LogoImage workspace={workspace} />
        {canEdit ? (
          <>
            <FilePicker
              label={workspace.logo_file_id ? t('workspaces.replaceLogo') : t('workspaces.uploadLogo')}
              accept={imageTypes}
              disabled={upload.isPending}
              onFile={(file) => {
                progress.start(file.name);
                upload.mutate(file);
              }}
            />
            {workspace.logo_file_id ? (
              <Button
                variant="ghost"
                isLoading={update.isPending && !upload.isPending}
                onClick={() => update.mutate({ slug: workspace.slug, input: { logo_file_id: null } })}
              >
                {t('workspaces.removeLogo')}
              </Button>
            ) : null}
          </>
        ) : null}
      </div>
      {progress.current ? <UploadProgressBar {...progress.current} /> : null}
      {workspace.logo_file_id ? null : <p className="text-sm text-muted">{t('workspaces.noLogo')}</p>}
      {upload.error instanceof ScanTookTooLong ? (
        <p className="text-sm text-danger">{t('workspaces.logoScanPending')}</p>
      ) : (
        <FormError error={upload.error ?? update.error} shown={[]} />
      )}
    </div>
  );
}
