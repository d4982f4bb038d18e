import { type ChangeEvent, useId, useRef, useState } from 'react';
import { FormError } from '@/components/ui/form-error';
import { buttonClass } from '@/components/ui/button';
import { t } from '@/lib/i18n';
import { useUploadFile } from '../api/files';
import { UploadFailed } from '../lib/upload';

/** Choose a file; its bytes go to storage with a progress bar, then the list shows it until the scan has spoken. */
export function UploadFile({ slug, accept, label }: { slug: string; accept?: string; label?: string }) {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const upload = useUploadFile(slug, { onProgress: (fraction) => setProgress((p) => (p ? { ...p, fraction } : p)) });
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setProgress({ name: file.name, fraction: 0 });
    upload.mutate(file, {
      onSettled: () => {
        if (input.current) input.current.value = '';
      },
      onSuccess: () => setProgress(null),
    });
  };
  const storageRefused = upload.error instanceof UploadFailed;
  return (
    <div className="flex min-w-0 flex-col gap-3">
      <div>
        {/* The native input stays the control (keyboard, screen readers, drop); the label is drawn as a button. */}
        <label htmlFor={inputId} className={buttonClass('primary', 'md', 'cursor-pointer has-[:focus-visible]:ring-2')}>
          {label ?? t('files.choose')}
          <input ref={input} id={inputId} type="file" className="sr-only" accept={accept} disabled={upload.isPending} onChange={onChange} />
        </label>
      </div>
      {progress ? (
        <div className="flex min-w-0 flex-col gap-1" data-testid="upload-progress">
          <div className="flex min-w-0 justify-between gap-2 text-sm">
            <span className="min-w-0 truncate">{progress.name}</span>
            <span className="shrink-0 text-muted">{Math.round(progress.fraction * 100)}%</span>
          </div>
          <progress
            className="h-2 w-full overflow-hidden rounded-full accent-primary"
            max={1}
            value={progress.fraction}
            aria-label={t('files.uploading', { name: progress.name })}
          />
        </div>
      ) : null}
      {storageRefused ? <p className="text-sm text-danger">{t('files.storageRefused')}</p> : <FormError error={upload.error} shown={[]} />}
    </div>
  );
}
