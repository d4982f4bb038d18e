import { isUnexpectedError, messageOf, requestIdOf } from '@/lib/errors';
import { t } from '@/lib/i18n';
import { Banner } from './banner';
import { Button } from './button';
import { RequestId } from './request-id';

/** Inline error for a screen whose data could not load. */
export function ErrorBanner({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Banner
      tone="error"
      action={
        onRetry ? (
          <Button variant="secondary" size="sm" onClick={onRetry}>
            {t('action.retry')}
          </Button>
        ) : null
      }
    >
      <p>{messageOf(error)}</p>
      {isUnexpectedError(error) ? <RequestId requestId={requestIdOf(error)} /> : null}
    </Banner>
  );
}
