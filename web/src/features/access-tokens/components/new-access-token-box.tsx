import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import type { CreatedAccessToken } from '../api/create-access-token';

/** The only time the full secret is on screen; it lives in component state, never in a cache. */
export function NewAccessTokenBox({ token, onDone }: { token: CreatedAccessToken; onDone: () => void }) {
  return (
    <section className="card secret-box" aria-labelledby="new-token-title">
      <h2 className="panel__title" id="new-token-title">
        Token “{token.name}” created
      </h2>
      <p className="warning" role="note">
        Copy this token now and store it somewhere safe. It will not be shown again; if you lose it, revoke it and create a new one.
      </p>
      <div className="secret-box__value">
        <code data-testid="new-access-token" className="secret">
          {token.token}
        </code>
        <CopyButton text={token.token} />
      </div>
      <div className="form__actions">
        <Button variant="secondary" onClick={onDone}>
          I have copied the token
        </Button>
      </div>
    </section>
  );
}
