import { emailChangeInput } from '../../../../../worker/modules/auth/auth.input.ts';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useSchemaForm } from '@/lib/form';
import { t } from '@/lib/i18n';
import { useRequestEmailChange } from '../api/email-change';

/** Asks for a new address; the change happens only when the link mailed there is used. */
export function ChangeEmailForm({ currentEmail }: { currentEmail: string }) {
  const change = useRequestEmailChange();
  const form = useSchemaForm(emailChangeInput, { defaultValues: { new_email: '', password: '' }, serverError: change.error });
  const onSubmit = form.handleSubmit((values) => change.mutate(values, { onSuccess: () => form.resetField('password') }));
  return (
    <form className="flex min-w-0 flex-col gap-4" noValidate onSubmit={onSubmit} aria-label={t('emailChange.title')}>
      <p>
        {t('emailChange.current')} <strong>{currentEmail}</strong>
      </p>
      <TextField
        label={t('emailChange.new')}
        type="email"
        autoComplete="email"
        required
        hint={t('emailChange.hint')}
        {...form.register('new_email')}
        errors={form.errorsOf('new_email')}
      />
      <TextField
        label={t('password.current')}
        type="password"
        autoComplete="current-password"
        required
        {...form.register('password')}
        errors={form.errorsOf('password')}
      />
      <FormError error={change.error} shown={['new_email', 'password']} />
      {change.isSuccess ? (
        <p
          className="flex flex-col gap-3 rounded-lg border border-warning/40 bg-warning-soft p-3 text-sm sm:flex-row sm:items-center"
          role="status"
        >
          {t('emailChange.sent', { email: change.data.new_email })}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" isLoading={change.isPending}>
          {t('emailChange.submit')}
        </Button>
      </div>
    </form>
  );
}
