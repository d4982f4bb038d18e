import { t } from '@/lib/i18n';

/** The id support needs, folded away: it helps with an unexpected error and is noise otherwise. */
export function RequestId({ requestId }: { requestId: string | null | undefined }) {
  return (
    <details className="text-sm text-muted">
      <summary className="cursor-pointer select-none">{t('error.details')}</summary>
      <p className="mt-1 break-all">
        {t('error.requestId')}: {requestId ? <code>{requestId}</code> : <span>{t('error.noRequestId')}</span>}
      </p>
    </details>
  );
}
