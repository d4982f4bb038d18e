import { useState } from 'react';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { formatDateTime } from '@/lib/format';
import { type TotpEnrolment, useStartTotpEnrolment } from '../api/enrol-totp';
import type { MfaStatus } from '../api/get-mfa-status';
import { useRegenerateBackupCodes } from '../api/regenerate-backup-codes';
import { useRemoveTotp } from '../api/remove-totp';
import { BackupCodesBox } from './backup-codes-box';
import { TotpEnrolmentForm } from './totp-enrolment';
import { t } from '@/lib/i18n';
import { Card } from '@/components/ui/card';

/** The authenticator app: set it up, see it is on, replace the backup codes, or remove it. */
export function TotpSection({ status }: { status: MfaStatus }) {
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const start = useStartTotpEnrolment({ onSuccess: setEnrolment });
  const regenerate = useRegenerateBackupCodes({ onSuccess: (result) => setCodes(result.backup_codes) });
  const remove = useRemoveTotp();

  return (
    <Card aria-labelledby="totp-title">
      <h2 className="text-lg font-semibold" id="totp-title">
        {t('totpSection.authenticatorApp')}{' '}
        {status.totp.enabled ? <Badge tone="success">{t('totpSection.on')}</Badge> : <Badge tone="muted">{t('totpSection.off')}</Badge>}
      </h2>
      {codes ? (
        <BackupCodesBox codes={codes} onDone={() => setCodes(null)} />
      ) : status.totp.enabled ? (
        <>
          <p className="text-muted">
            {t('totpSection.onSince', {
              since: status.totp.enabled_at ? formatDateTime(status.totp.enabled_at) : t('totpSection.now'),
              codes: status.backup_codes_remaining,
            })}
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <Button variant="secondary" isLoading={regenerate.isPending} onClick={() => regenerate.mutate()}>
              {t('totpSection.newBackupCodes')}
            </Button>
            <ConfirmDialog
              trigger={<Button variant="danger">{t('totpSection.removeAuthenticatorApp')}</Button>}
              title={t('totpSection.turnOffTheAuthenticator')}
              description={t('totpSection.signingInNoLonger')}
              confirmLabel={t('totpSection.turnOff')}
              isPending={remove.isPending}
              error={remove.error}
              onConfirm={() => remove.mutate()}
            />
          </div>
          <FormError error={regenerate.error} shown={[]} />
        </>
      ) : enrolment ? (
        <TotpEnrolmentForm
          enrolment={enrolment}
          onEnabled={(result) => {
            setEnrolment(null);
            setCodes(result.backup_codes);
          }}
        />
      ) : (
        <>
          <p className="text-muted">{t('totpSection.askForACode')}</p>
          <div className="flex flex-wrap items-center gap-2">
            <Button isLoading={start.isPending} onClick={() => start.mutate()}>
              {t('totpSection.setUpAuthenticatorApp')}
            </Button>
          </div>
          <FormError error={start.error} shown={[]} />
        </>
      )}
    </Card>
  );
}
