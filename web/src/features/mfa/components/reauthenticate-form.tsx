import { reauthenticateInput } from '../../../../../worker/modules/mfa/mfa.input.ts';
import { Button } from '@/components/ui/button';
import { inlineFormClass, TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useSchemaForm } from '@/lib/form';
import { t } from '@/lib/i18n';
import { useReauthenticate } from '../api/reauthenticate';
import { Card } from '@/components/ui/card';

/** Changing how you sign in needs your password again, at most ten minutes before. */
export function ReauthenticateForm() {
  const reauthenticate = useReauthenticate();
  const form = useSchemaForm(reauthenticateInput, { defaultValues: { password: '' }, serverError: reauthenticate.error });
  const onSubmit = form.handleSubmit(({ password }) => reauthenticate.mutate(password, { onSuccess: () => form.reset() }));
  return (
    <Card aria-labelledby="reauth-title">
      <h2 className="text-lg font-semibold" id="reauth-title">
        {t('reauthenticateForm.confirmItSYou')}
      </h2>
      <p className="text-muted">{t('reauthenticateForm.enterYourPasswordTo')}</p>
      <form className={inlineFormClass} noValidate onSubmit={onSubmit}>
        <TextField
          label={t('reauthenticateForm.currentPassword')}
          type="password"
          autoComplete="current-password"
          required
          {...form.register('password')}
          errors={form.errorsOf('password')}
        />
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" isLoading={reauthenticate.isPending}>
            {t('reauthenticateForm.confirmPassword')}
          </Button>
        </div>
      </form>
      <FormError error={reauthenticate.error} shown={['password']} />
    </Card>
  );
}
