import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useMfaStatus } from '@/features/mfa/api/get-mfa-status';
import { fieldErrorsOf, isApiError } from '@/lib/api-client';
import { useDeleteAccount } from '../api/delete-account';
import { t } from '@/lib/i18n';

/**
 * Deleting the account asks for the password again and, when an authenticator app is on, a code
 * from it (or a backup code); the server says what blocks it, if anything.
 */
export function DeleteAccountForm({ onDeleted }: { onDeleted: () => void }) {
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [useBackup, setUseBackup] = useState(false);
  const mfa = useMfaStatus();
  const remove = useDeleteAccount({ onSuccess: onDeleted });
  const fields = fieldErrorsOf(remove.error);
  const askedForCode = isApiError(remove.error) && remove.error.code === 'SECOND_FACTOR_REQUIRED';
  const needsCode = mfa.data?.totp.enabled === true || askedForCode;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!needsCode || code.trim() === '') remove.mutate({ password });
    else if (useBackup) remove.mutate({ password, backup_code: code.trim() });
    else remove.mutate({ password, code: code.replace(/\s/g, '') });
  };

  return (
    <section
      className="flex min-w-0 flex-col gap-4 rounded-lg border border-border bg-surface p-4 shadow-card sm:p-6"
      aria-labelledby="delete-account"
    >
      <h2 className="text-lg font-semibold" id="delete-account">
        {t('deleteAccountForm.deleteAccount')}
      </h2>
      <p className="text-muted">{t('deleteAccountForm.thisRemovesYourMemberships')}</p>
      <form className="flex min-w-0 flex-col gap-4" noValidate onSubmit={onSubmit}>
        <TextField
          label={t('deleteAccountForm.confirmWithYourPassword')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          errors={fields.password}
        />
        {needsCode ? (
          <>
            <TextField
              label={useBackup ? t('deleteAccountForm.backupCode') : t('deleteAccountForm.codeFromYourAuthenticator')}
              name={useBackup ? 'backup_code' : 'code'}
              inputMode={useBackup ? 'text' : 'numeric'}
              autoComplete={useBackup ? 'off' : 'one-time-code'}
              required
              value={code}
              onChange={(e) => setCode(e.target.value)}
              errors={useBackup ? fields.backup_code : fields.code}
            />
            <Button
              variant="ghost"
              size="sm"
              onClick={() => {
                setUseBackup(!useBackup);
                setCode('');
                remove.reset();
              }}
            >
              {useBackup ? t('deleteAccountForm.useACodeFrom') : t('deleteAccountForm.useABackupCode')}
            </Button>
          </>
        ) : null}
        <FormError error={remove.error} shown={['password', 'code', 'backup_code', 'workspaces']} />
        <div className="flex flex-wrap items-center gap-2">
          <Button
            type="submit"
            variant="danger"
            isLoading={remove.isPending}
            disabled={password === '' || (needsCode && code.trim() === '')}
          >
            {t('deleteAccountForm.deleteMyAccount')}
          </Button>
        </div>
      </form>
    </section>
  );
}
