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

/** The authenticator app: set it up, see it is on, replace the backup codes, or remove it. */
export function TotpSection({ status }: { status: MfaStatus }) {
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const start = useStartTotpEnrolment({ onSuccess: setEnrolment });
  const regenerate = useRegenerateBackupCodes({ onSuccess: (result) => setCodes(result.backup_codes) });
  const remove = useRemoveTotp();

  return (
    <section
      className="flex min-w-0 flex-col gap-4 rounded-lg border border-border bg-surface p-4 shadow-card sm:p-6"
      aria-labelledby="totp-title"
    >
      <h2 className="text-lg font-semibold" id="totp-title">
        Authenticator app {status.totp.enabled ? <Badge tone="success">On</Badge> : <Badge tone="muted">Off</Badge>}
      </h2>
      {codes ? (
        <BackupCodesBox codes={codes} onDone={() => setCodes(null)} />
      ) : status.totp.enabled ? (
        <>
          <p className="text-muted">
            On since {status.totp.enabled_at ? formatDateTime(status.totp.enabled_at) : 'now'}. Signing in asks for a code from your app.{' '}
            {status.backup_codes_remaining} backup codes left.
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <Button variant="secondary" isLoading={regenerate.isPending} onClick={() => regenerate.mutate()}>
              New backup codes
            </Button>
            <ConfirmDialog
              trigger={<Button variant="danger">Remove authenticator app</Button>}
              title="Turn off the authenticator app?"
              description="Signing in no longer asks for a code, and your backup codes stop working. You can set it up again later."
              confirmLabel="Turn off"
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
          <p className="text-muted">Ask for a code from an authenticator app each time you sign in with a password or a link.</p>
          <div className="flex flex-wrap items-center gap-2">
            <Button isLoading={start.isPending} onClick={() => start.mutate()}>
              Set up authenticator app
            </Button>
          </div>
          <FormError error={start.error} shown={[]} />
        </>
      )}
    </section>
  );
}
