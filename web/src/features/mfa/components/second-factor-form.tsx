import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { fieldErrorsOf, isApiError } from '@/lib/api-client';
import { useVerifySecondFactor } from '../api/verify-second-factor';
import { t } from '@/lib/i18n';

/** The code from the authenticator app, or a backup code, that finishes a pending sign-in. */
export function SecondFactorForm({ onSuccess, onExpired }: { onSuccess: () => void; onExpired: () => void }) {
  const [useBackup, setUseBackup] = useState(false);
  const [value, setValue] = useState('');
  const verify = useVerifySecondFactor({ onSuccess });
  const fields = fieldErrorsOf(verify.error);
  const expired = isApiError(verify.error) && verify.error.code === 'SIGN_IN_CHALLENGE_INVALID';

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    verify.mutate(useBackup ? { backup_code: value.trim() } : { code: value.replace(/\s/g, '') });
  };

  return (
    <form className="flex min-w-0 flex-col gap-4" noValidate onSubmit={onSubmit}>
      {useBackup ? (
        <TextField
          label={t('secondFactorForm.backupCode')}
          name="backup_code"
          autoComplete="off"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          errors={fields.backup_code}
        />
      ) : (
        <TextField
          label={t('secondFactorForm.authenticationCode')}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          autoFocus
          value={value}
          onChange={(e) => setValue(e.target.value)}
          errors={fields.code}
        />
      )}
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
      <Button
        variant="ghost"
        size="sm"
        onClick={() => {
          setUseBackup(!useBackup);
          setValue('');
          verify.reset();
        }}
      >
        {useBackup ? t('secondFactorForm.useACodeFrom') : t('secondFactorForm.useABackupCode')}
      </Button>
    </form>
  );
}
