import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import type { CreatedApiKey } from '../api/create-api-key';
import { t } from '@/lib/i18n';

/** The only time the full secret is on screen; it lives in component state, never in a cache. */
export function NewApiKeyBox({ apiKey, onDone }: { apiKey: CreatedApiKey; onDone: () => void }) {
  return (
    <section
      className="flex min-w-0 flex-col gap-4 rounded-lg border border-border bg-surface p-4 shadow-card sm:p-6 border-warning/50"
      aria-labelledby="new-key-title"
    >
      <h2 className="text-lg font-semibold" id="new-key-title">
        {t('newApiKeyBox.created', { name: apiKey.name })}
      </h2>
      <p className="text-sm text-warning" role="note">
        {t('newApiKeyBox.copyThisKeyNow')}
      </p>
      <div className="block rounded-md bg-subtle p-2 font-mono text-sm break-all">
        <code data-testid="new-api-key" className="font-mono text-sm break-all">
          {apiKey.key}
        </code>
        <CopyButton text={apiKey.key} />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" onClick={onDone}>
          {t('newApiKeyBox.iHaveCopiedThe')}
        </Button>
      </div>
    </section>
  );
}
