import { type ReactNode, useState } from 'react';
import { backupCodeOnlyInput, totpCodeOnlyInput } from '../../../../../worker/modules/mfa/mfa.input.ts';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { isApiError } from '@/lib/api-client';
import { useSchemaForm, withoutSpaces } from '@/lib/form';
import { t } from '@/lib/i18n';
import { useVerifySecondFactor } from '../api/verify-second-factor';

type Verify = ReturnType<typeof useVerifySecondFactor>;

function AuthenticatorCodeForm({ verify, children }: { verify: Verify; children: ReactNode }) {
  const form = useSchemaForm(totpCodeOnlyInput, { defaultValues: { code: '' }, serverError: verify.error });
  return (
    <form className="flex min-w-0 flex-col gap-4" noValidate onSubmit={form.handleSubmit((input) => verify.mutate(input))}>
      <TextField
        label={t('secondFactorForm.authenticationCode')}
        inputMode="numeric"
        autoComplete="one-time-code"
        autoFocus
        required
        {...form.register('code', { setValueAs: withoutSpaces })}
        errors={form.errorsOf('code')}
      />
      {children}
    </form>
  );
}

function BackupCodeForm({ verify, children }: { verify: Verify; children: ReactNode }) {
  const form = useSchemaForm(backupCodeOnlyInput, { defaultValues: { backup_code: '' }, serverError: verify.error });
  return (
    <form className="flex min-w-0 flex-col gap-4" noValidate onSubmit={form.handleSubmit((input) => verify.mutate(input))}>
      <TextField
        label={t('secondFactorForm.backupCode')}
        autoComplete="off"
        autoFocus
        required
        {...form.register('backup_code')}
        errors={form.errorsOf('backup_code')}
      />
      {children}
    </form>
  );
}

/** The code from the authenticator app, or a backup code, that finishes a pending sign-in. */
export function SecondFactorForm({ onSuccess, onExpired }: { onSuccess: () => void; onExpired: () => void }) {
  const [useBackup, setUseBackup] = useState(false);
  const verify = useVerifySecondFactor({ onSuccess });
  const expired = isApiError(verify.error) && verify.error.code === 'SIGN_IN_CHALLENGE_INVALID';
  const CodeForm = useBackup ? BackupCodeForm : AuthenticatorCodeForm;

  return (
    <div className="flex min-w-0 flex-col gap-4">
      <CodeForm verify={verify}>
        <FormError error={verify.error} shown={['code', 'backup_code']} />
        {expired ? (
          <Button variant="secondary" onClick={onExpired}>
            {t('secondFactorForm.signInAgain')}
          </Button>
        ) : (
          <Button type="submit" className="w-full" isLoading={verify.isPending}>
            {t('secondFactorForm.verify')}
          </Button>
        )}
      </CodeForm>
      <Button
        variant="ghost"
        size="sm"
        onClick={() => {
          setUseBackup(!useBackup);
          verify.reset();
        }}
      >
        {useBackup ? t('secondFactorForm.useACodeFrom') : t('secondFactorForm.useABackupCode')}
      </Button>
    </div>
  );
}
