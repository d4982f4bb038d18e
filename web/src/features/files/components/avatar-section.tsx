import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { useMe } from '@/features/auth/api/get-me';
import { can } from '@/lib/authorization';
import { t } from '@/lib/i18n';
import { inlineErrors } from '@/lib/react-query';
import { useAvatar, useSetAvatar } from '../api/avatar';
import { ScanTookTooLong, scannedFile, uploadFile } from '../api/files';
import { Avatar } from './avatar';
import { FilePicker, UploadProgressBar, useUploadProgress } from './upload-file';

/** What storage serves inline; anything else could not be shown as a picture. */
const imageTypes = 'image/png,image/jpeg,image/gif,image/webp,image/avif';

/**
 * Upload a picture, wait for the scan to find it clean, then make it the avatar. The picture is a
 * file of one of the person's workspaces (docs/decisions/061), chosen here when there are several.
 */
export function AvatarSection() {
  const me = useMe();
  const avatar = useAvatar();
  const setAvatar = useSetAvatar();
  const progress = useUploadProgress();
  const selectId = useId();
  const workspaces = (me.data?.memberships ?? []).filter((m) => can(m.role, 'file:upload'));
  const [chosen, setChosen] = useState<string | null>(null);
  const slug = chosen ?? workspaces[0]?.workspace.slug ?? null;
  const upload = useMutation({
    mutationKey: ['me', 'avatar', 'upload'],
    meta: inlineErrors,
    mutationFn: async ({ file, into }: { file: File; into: string }) => {
      const uploaded = await uploadFile(into, file, progress.report);
      const scanned = await scannedFile(into, uploaded.id);
      await setAvatar.mutateAsync({ slug: into, fileId: scanned.id });
    },
    onSettled: progress.done,
  });
  const name = me.data?.user.name || me.data?.user.email || '';
  return (
    <div className="flex min-w-0 flex-col gap-2">
      <span className="text-sm font-medium">{t('avatar.title')}</span>
      <div className="flex min-w-0 flex-wrap items-center gap-3">
        <Avatar name={name} className="size-16 text-xl" />
        {slug ? (
          <FilePicker
            label={avatar.data ? t('avatar.replace') : t('avatar.upload')}
            accept={imageTypes}
            disabled={upload.isPending}
            onFile={(file) => {
              progress.start(file.name);
              upload.mutate({ file, into: slug });
            }}
          />
        ) : null}
        {avatar.data ? (
          <Button variant="ghost" isLoading={setAvatar.isPending && !upload.isPending} onClick={() => setAvatar.mutate(null)}>
            {t('avatar.remove')}
          </Button>
        ) : null}
      </div>
      {workspaces.length > 1 && slug ? (
        <label htmlFor={selectId} className="flex min-w-0 flex-wrap items-center gap-2 text-sm text-muted">
          {t('avatar.storedIn')}
          <select
            id={selectId}
            className="min-w-0 max-w-full truncate rounded-md border border-border bg-surface px-2 py-1 text-fg"
            value={slug}
            onChange={(event) => setChosen(event.target.value)}
          >
            {workspaces.map((m) => (
              <option key={m.workspace.slug} value={m.workspace.slug}>
                {m.workspace.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {progress.current ? <UploadProgressBar {...progress.current} /> : null}
      <p className="text-sm text-muted">{slug ? t('avatar.hint') : t('avatar.noWorkspace')}</p>
      {upload.error instanceof ScanTookTooLong ? (
        <p className="text-sm text-danger">{t('avatar.scanPending')}</p>
      ) : (
        <FormError error={upload.error ?? setAvatar.error} shown={[]} />
      )}
    </div>
  );
}
