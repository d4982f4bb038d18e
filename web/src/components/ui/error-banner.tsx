import { isUnexpectedError, messageOf, requestIdOf, upgradeOf } from '@/lib/errors';
import { t } from '@/lib/i18n';
import { Banner } from './banner';
import { Button } from './button';
import { RequestId } from './request-id';
import { UpgradePrompt } from './upgrade-prompt';

/** Inline error for a screen whose data could not load; a refusal for the plan is an upgrade prompt. */
export function ErrorBanner({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (upgradeOf(error)) return <UpgradePrompt error={error} />;
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
