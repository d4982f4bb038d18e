import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import type { CreatedApiKey } from '../api/create-api-key';

/** The only time the full secret is on screen; it lives in component state, never in a cache. */
export function NewApiKeyBox({ apiKey, onDone }: { apiKey: CreatedApiKey; onDone: () => void }) {
  return (
    <section className="card secret-box" aria-labelledby="new-key-title">
      <h2 className="panel__title" id="new-key-title">
        API key “{apiKey.name}” created
      </h2>
      <p className="warning" role="note">
        Copy this key now and store it somewhere safe. It will not be shown again; if you lose it, revoke it and create a new one.
      </p>
      <div className="secret-box__value">
        <code data-testid="new-api-key" className="secret">
          {apiKey.key}
        </code>
        <CopyButton text={apiKey.key} />
      </div>
      <div className="form__actions">
        <Button variant="secondary" onClick={onDone}>
          I have copied the key
        </Button>
      </div>
    </section>
  );
}
