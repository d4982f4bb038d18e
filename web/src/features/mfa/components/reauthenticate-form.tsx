import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { fieldErrorsOf } from '@/lib/api-client';
import { useReauthenticate } from '../api/reauthenticate';
import { t } from '@/lib/i18n';

/** Changing how you sign in needs your password again, at most ten minutes before. */
export function ReauthenticateForm() {
  const [password, setPassword] = useState('');
  const reauthenticate = useReauthenticate();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    reauthenticate.mutate(password, { onSuccess: () => setPassword('') });
  };
  return (
    <section
      className="flex min-w-0 flex-col gap-4 rounded-lg border border-border bg-surface p-4 shadow-card sm:p-6"
      aria-labelledby="reauth-title"
    >
      <h2 className="text-lg font-semibold" id="reauth-title">
        {t('reauthenticateForm.confirmItSYou')}
      </h2>
      <p className="text-muted">{t('reauthenticateForm.enterYourPasswordTo')}</p>
      <form
        className="flex min-w-0 flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end sm:[&>div:has(>label)]:min-w-48 sm:[&>div:has(>label)]:flex-1"
        noValidate
        onSubmit={onSubmit}
      >
        <TextField
          label={t('reauthenticateForm.currentPassword')}
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          errors={fieldErrorsOf(reauthenticate.error).password}
        />
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" isLoading={reauthenticate.isPending}>
            {t('reauthenticateForm.confirmPassword')}
          </Button>
        </div>
      </form>
      <FormError error={reauthenticate.error} shown={['password']} />
    </section>
  );
}
