import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import type { CreatedAccessToken } from '../api/create-access-token';
import { t } from '@/lib/i18n';

/** The only time the full secret is on screen; it lives in component state, never in a cache. */
export function NewAccessTokenBox({ token, onDone }: { token: CreatedAccessToken; onDone: () => void }) {
  return (
    <section
      className="flex min-w-0 flex-col gap-4 rounded-lg border border-border bg-surface p-4 shadow-card sm:p-6 border-warning/50"
      aria-labelledby="new-token-title"
    >
      <h2 className="text-lg font-semibold" id="new-token-title">
        {t('newAccessTokenBox.created', { name: token.name })}
      </h2>
      <p className="text-sm text-warning" role="note">
        {t('newAccessTokenBox.copyThisTokenNow')}
      </p>
      <div className="block rounded-md bg-subtle p-2 font-mono text-sm break-all">
        <code data-testid="new-access-token" className="font-mono text-sm break-all">
          {token.token}
        </code>
        <CopyButton text={token.token} />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" onClick={onDone}>
          {t('newAccessTokenBox.iHaveCopiedThe')}
        </Button>
      </div>
    </section>
  );
}
