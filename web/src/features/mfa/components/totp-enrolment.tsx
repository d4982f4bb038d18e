import { useMemo } from 'react';
import { renderSVG } from 'uqr';
import { totpCodeOnlyInput } from '../../../../../worker/modules/mfa/mfa.input.ts';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useSchemaForm, withoutSpaces } from '@/lib/form';
import { t } from '@/lib/i18n';
import { type BackupCodes, type TotpEnrolment, useConfirmTotpEnrolment } from '../api/enrol-totp';

/** The QR code and secret of a new enrolment, and the code that confirms it. */
export function TotpEnrolmentForm({ enrolment, onEnabled }: { enrolment: TotpEnrolment; onEnabled: (codes: BackupCodes) => void }) {
  const confirm = useConfirmTotpEnrolment({ onSuccess: onEnabled });
  const form = useSchemaForm(totpCodeOnlyInput, { defaultValues: { code: '' }, serverError: confirm.error });
  // uqr draws the QR code as SVG from the otpauth URI, here in the browser: the secret goes nowhere else.
  const qr = useMemo(() => renderSVG(enrolment.otpauth_uri, { border: 2 }), [enrolment.otpauth_uri]);
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
      <form className="flex min-w-0 flex-col gap-4" noValidate onSubmit={form.handleSubmit(({ code }) => confirm.mutate(code))}>
        <TextField
          label={t('totpEnrolment.codeFromYourApp')}
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          {...form.register('code', { setValueAs: withoutSpaces })}
          errors={form.errorsOf('code')}
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
