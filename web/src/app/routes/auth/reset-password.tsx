import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { resetPasswordInput } from '../../../../../worker/modules/auth/auth.input.ts';
import { AuthLayout } from '@/components/layouts/auth-layout';
import { Button, buttonClass } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { paths } from '@/config/paths';
import { hideLinkToken, readLinkToken, useCompletePasswordReset } from '@/features/email-auth/api/email-auth';
import { NoReferrer } from '@/features/email-auth/components/no-referrer';
import { useSchemaForm } from '@/lib/form';
import { t } from '@/lib/i18n';

export function ResetPasswordRoute() {
  const [token] = useState(readLinkToken);
  const reset = useCompletePasswordReset();
  const form = useSchemaForm(resetPasswordInput, { defaultValues: { token, password: '' }, serverError: reset.error });
  useEffect(hideLinkToken, []);

  return (
    <AuthLayout title={t('reset.title')} footer={<Link to={paths.auth.forgotPassword.getHref()}>{t('reset.newLink')}</Link>}>
      <NoReferrer />
      {reset.isSuccess ? (
        <div className="flex min-w-0 flex-col gap-4">
          <p
            className="flex flex-col gap-3 rounded-lg border border-warning/40 bg-warning-soft p-3 text-sm sm:flex-row sm:items-center"
            role="status"
          >
            {t('reset.done')}
          </p>
          <Link to={paths.auth.login.getHref()} className={buttonClass('primary', 'md', 'w-full')}>
            {t('auth.logIn')}
          </Link>
        </div>
      ) : (
        <form className="flex min-w-0 flex-col gap-4" noValidate onSubmit={form.handleSubmit((values) => reset.mutate(values))}>
          <TextField
            label={t('password.new')}
            type="password"
            autoComplete="new-password"
            required
            hint={t('reset.hint')}
            {...form.register('password')}
            errors={form.errorsOf('password')}
          />
          <FormError error={reset.error} shown={['password']} />
          <Button type="submit" className="w-full" isLoading={reset.isPending} disabled={!token}>
            {t('reset.submit')}
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}
