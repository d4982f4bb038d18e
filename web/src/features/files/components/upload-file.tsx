import { type ChangeEvent, useId, useState } from 'react';
import { buttonClass } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { t } from '@/lib/i18n';
import { useUploadFile } from '../api/files';
import { UploadFailed } from '../lib/upload';

/** The native file input is the control (keyboard, screen readers); its label is drawn as a button. */
export function FilePicker({
  label,
  accept,
  disabled,
  onFile,
}: {
  label: string;
  accept?: string;
  disabled?: boolean;
  onFile: (file: File) => void;
}) {
  const inputId = useId();
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Cleared at once, so choosing the same file again is a change too.
    event.target.value = '';
    if (file) onFile(file);
  };
  return (
    <label
      htmlFor={inputId}
      className={buttonClass(
        'secondary',
        'md',
        'cursor-pointer has-[:disabled]:opacity-60 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring',
      )}
    >
      {label}
      <input id={inputId} type="file" className="sr-only" accept={accept} disabled={disabled} onChange={onChange} />
    </label>
  );
}

export interface UploadState {
  name: string;
  fraction: number;
}

export function useUploadProgress() {
  const [current, setCurrent] = useState<UploadState | null>(null);
  return {
    current,
    start: (name: string) => setCurrent({ name, fraction: 0 }),
    report: (fraction: number) => setCurrent((state) => (state ? { ...state, fraction } : state)),
    done: () => setCurrent(null),
  };
}

export function UploadProgressBar({ name, fraction }: UploadState) {
  return (
    <div className="flex min-w-0 flex-col gap-1" data-testid="upload-progress">
      <div className="flex min-w-0 justify-between gap-2 text-sm">
        <span className="min-w-0 truncate">{name}</span>
        <span className="shrink-0 text-muted">{Math.round(fraction * 100)}%</span>
      </div>
      <progress className="h-2 w-full accent-primary" max={1} value={fraction} aria-label={t('files.uploading', { name })} />
    </div>
  );
}

/** Choose a file; its bytes go straight to storage with a progress bar, then the list shows it until the scan has spoken. */
export function UploadFile({ slug }: { slug: string }) {
  const progress = useUploadProgress();
  const upload = useUploadFile(slug, { onProgress: progress.report });
  return (
    <div className="flex min-w-0 flex-col gap-3">
      <div>
        <FilePicker
          label={t('files.choose')}
          disabled={upload.isPending}
          onFile={(file) => {
            progress.start(file.name);
            upload.mutate(file, { onSettled: progress.done });
          }}
        />
      </div>
      {progress.current ? <UploadProgressBar {...progress.current} /> : null}
      {upload.error instanceof UploadFailed ? (
        <p className="text-sm text-danger">{t('files.storageRefused')}</p>
      ) : (
        <FormError error={upload.error} shown={[]} />
      )}
    </div>
  );
}
