import { type FormEvent, useMemo, useState } from 'react';
import { renderSVG } from 'uqr';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { fieldErrorsOf } from '@/lib/api-client';
import { type BackupCodes, type TotpEnrolment, useConfirmTotpEnrolment } from '../api/enrol-totp';
import { t } from '@/lib/i18n';

/** The QR code and secret of a new enrolment, and the code that confirms it. */
export function TotpEnrolmentForm({ enrolment, onEnabled }: { enrolment: TotpEnrolment; onEnabled: (codes: BackupCodes) => void }) {
  const [code, setCode] = useState('');
  const confirm = useConfirmTotpEnrolment({ onSuccess: onEnabled });
  // uqr draws the QR code as SVG from the otpauth URI, here in the browser: the secret goes nowhere else.
  const qr = useMemo(() => renderSVG(enrolment.otpauth_uri, { border: 2 }), [enrolment.otpauth_uri]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    confirm.mutate(code.replace(/\s/g, ''));
  };
  return (
    <div className="flex flex-col gap-4">
      <p>{t('totpEnrolment.scanThisQrCode')}</p>
      <div
        role="img"
        aria-label={t('totpEnrolment.qrCodeOfThe')}
        data-testid="totp-qr"
        style={{ width: 200, height: 200 }}
        // biome-ignore lint/security/noDangerouslySetInnerHtml: SVG made locally by uqr from our own URI, no user HTML
        dangerouslySetInnerHTML={{ __html: qr }}
      />
      <p>
        {t('totpEnrolment.secret')}{' '}
        <code className="font-mono text-sm break-all" data-testid="totp-secret">
          {enrolment.secret}
        </code>
      </p>
      <form className="flex min-w-0 flex-col gap-4" noValidate onSubmit={onSubmit}>
        <TextField
          label={t('totpEnrolment.codeFromYourApp')}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          errors={fieldErrorsOf(confirm.error).code}
        />
        <FormError error={confirm.error} shown={['code']} />
        <p className="text-muted">{t('totpEnrolment.turningItOnEnds')}</p>
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" isLoading={confirm.isPending}>
            {t('totpEnrolment.turnOn')}
          </Button>
        </div>
      </form>
    </div>
  );
}
