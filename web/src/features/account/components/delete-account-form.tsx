import { useState } from 'react';
import { deleteAccountInput } from '../../../../../worker/modules/account/account.input.ts';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useMfaStatus } from '@/features/mfa/api/get-mfa-status';
import { isApiError } from '@/lib/api-client';
import { blankAsMissing, useSchemaForm, withoutSpaces } from '@/lib/form';
import { t } from '@/lib/i18n';
import { useDeleteAccount } from '../api/delete-account';
import { Card } from '@/components/ui/card';

/**
 * Deleting the account asks for the password again and, when an authenticator app is on, a code
 * from it (or a backup code); the server says what blocks it, if anything.
 */
export function DeleteAccountForm({ onDeleted }: { onDeleted: () => void }) {
  const [useBackup, setUseBackup] = useState(false);
  const mfa = useMfaStatus();
  const remove = useDeleteAccount({ onSuccess: onDeleted });
  const form = useSchemaForm(deleteAccountInput, { defaultValues: { password: '' }, serverError: remove.error });
  const askedForCode = isApiError(remove.error) && remove.error.code === 'SECOND_FACTOR_REQUIRED';
  const needsCode = mfa.data?.totp.enabled === true || askedForCode;
  const [password, code, backupCode] = form.watch(['password', 'code', 'backup_code']);
  const codeField = useBackup ? 'backup_code' : 'code';

  return (
    <Card aria-labelledby="delete-account">
      <h2 className="text-lg font-semibold" id="delete-account">
        {t('deleteAccountForm.deleteAccount')}
      </h2>
      <p className="text-muted">{t('deleteAccountForm.thisRemovesYourMemberships')}</p>
      <form className="flex min-w-0 flex-col gap-4" noValidate onSubmit={form.handleSubmit((input) => remove.mutate(input))}>
        <TextField
          label={t('deleteAccountForm.confirmWithYourPassword')}
          type="password"
          autoComplete="current-password"
          required
          {...form.register('password')}
          errors={form.errorsOf('password')}
        />
        {needsCode ? (
          <>
            <TextField
              key={codeField}
              label={useBackup ? t('deleteAccountForm.backupCode') : t('deleteAccountForm.codeFromYourAuthenticator')}
              inputMode={useBackup ? 'text' : 'numeric'}
              autoComplete={useBackup ? 'off' : 'one-time-code'}
              required
              {...form.register(codeField, {
                setValueAs: (value: string) => blankAsMissing(useBackup ? value : withoutSpaces(value)),
                shouldUnregister: true,
              })}
              errors={form.errorsOf(codeField)}
            />
            <Button
              variant="ghost"
              size="sm"
              onClick={() => {
                setUseBackup(!useBackup);
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
            disabled={!password || (needsCode && !(useBackup ? backupCode : code))}
          >
            {t('deleteAccountForm.deleteMyAccount')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
