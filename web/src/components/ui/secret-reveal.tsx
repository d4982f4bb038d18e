import { useId } from 'react';
import { Button } from './button';
import { CopyButton } from './copy-button';

interface SecretRevealProps {
  title: string;
  /** Says this is the only time the secret is shown. */
  warning: string;
  secret: string;
  doneLabel: string;
  testId: string;
  onDone: () => void;
}

/**
 * The only time a new secret (an API key, an access token, a signing secret) is on screen; the
 * caller keeps it in component state, never in a query cache, and drops it on `onDone`.
 */
export function SecretReveal({ title, warning, secret, doneLabel, testId, onDone }: SecretRevealProps) {
  const titleId = useId();
  return (
    <section
      className="flex min-w-0 flex-col gap-4 rounded-lg border border-warning/50 bg-surface p-4 shadow-card sm:p-6"
      aria-labelledby={titleId}
    >
      <h2 className="text-lg font-semibold" id={titleId}>
        {title}
      </h2>
      <p className="text-sm text-warning" role="note">
        {warning}
      </p>
      <div className="block rounded-md bg-subtle p-2 font-mono text-sm break-all">
        <code data-testid={testId} className="font-mono text-sm break-all">
          {secret}
        </code>
        <CopyButton text={secret} />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" onClick={onDone}>
          {doneLabel}
        </Button>
      </div>
    </section>
  );
}
