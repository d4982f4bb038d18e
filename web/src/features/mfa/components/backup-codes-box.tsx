import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';

/** The only time the backup codes are on screen; they live in component state, never in a cache. */
export function BackupCodesBox({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <section className="card secret-box" aria-labelledby="backup-codes-title">
      <h2 className="panel__title" id="backup-codes-title">
        Your backup codes
      </h2>
      <p className="warning" role="note">
        Save these codes somewhere safe. Each one signs you in once if you lose your authenticator app. They will not be shown again.
      </p>
      <ul className="rows" data-testid="backup-codes">
        {codes.map((code) => (
          <li key={code}>
            <code className="secret">{code}</code>
          </li>
        ))}
      </ul>
      <div className="form__actions">
        <CopyButton text={codes.join('\n')} />
        <Button variant="secondary" onClick={onDone}>
          I have saved these codes
        </Button>
      </div>
    </section>
  );
}
