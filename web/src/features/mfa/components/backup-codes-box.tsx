import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { t } from '@/lib/i18n';
import { Card } from '@/components/ui/card';

/** The only time the backup codes are on screen; they live in component state, never in a cache. */
export function BackupCodesBox({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <Card className="border-warning/50" aria-labelledby="backup-codes-title">
      <h2 className="text-lg font-semibold" id="backup-codes-title">
        {t('backupCodesBox.yourBackupCodes')}
      </h2>
      <p className="text-sm text-warning" role="note">
        {t('backupCodesBox.saveTheseCodesSomewhere')}
      </p>
      <ul className="flex flex-col divide-y divide-border" data-testid="backup-codes">
        {codes.map((code) => (
          <li key={code}>
            <code className="font-mono text-sm break-all">{code}</code>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-center gap-2">
        <CopyButton text={codes.join('\n')} />
        <Button variant="secondary" onClick={onDone}>
          {t('backupCodesBox.iHaveSavedThese')}
        </Button>
      </div>
    </Card>
  );
}
