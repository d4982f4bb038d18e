import { isApiError } from '@/lib/api-client';
import { Button } from './button';
import { RequestId } from './request-id';

/** Inline error for a screen whose data could not load; the toast has the same details. */
export function ErrorBanner({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  const requestId = isApiError(error) ? error.requestId : null;
  return (
    <div className="banner banner--error" role="alert">
      <div className="banner__body">
        <p className="banner__message">{message}</p>
        <RequestId requestId={requestId} />
      </div>
      {onRetry ? (
        <Button variant="secondary" size="sm" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}
