import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { t } from '@/lib/i18n';

/** The only time an endpoint's signing secret is on screen; it lives in component state, never in a cache. */
export function NewSecretBox({ title, secret, onDone }: { title: string; secret: string; onDone: () => void }) {
  return (
    <section
      className="flex min-w-0 flex-col gap-4 rounded-lg border border-border border-warning/50 bg-surface p-4 shadow-card sm:p-6"
      aria-labelledby="new-secret-title"
    >
      <h2 className="text-lg font-semibold" id="new-secret-title">
        {title}
      </h2>
      <p className="text-sm text-warning" role="note">
        {t('webhooks.copySecretNow')}
      </p>
      <div className="block rounded-md bg-subtle p-2 font-mono text-sm break-all">
        <code data-testid="webhook-secret" className="font-mono text-sm break-all">
          {secret}
        </code>
        <CopyButton text={secret} />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" onClick={onDone}>
          {t('webhooks.secretCopied')}
        </Button>
      </div>
    </section>
  );
}
