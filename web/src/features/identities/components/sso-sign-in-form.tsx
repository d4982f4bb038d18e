import { ssoStartInput } from '../../../../../worker/modules/oauth/oauth.input.ts';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useSchemaForm } from '@/lib/form';
import { t } from '@/lib/i18n';
import { useStartSso } from '../api/start-sso';

/** Enterprise sign-in: the work email's domain picks the organisation's identity provider. */
export function SsoSignInForm({ next }: { next: string | null }) {
  const start = useStartSso();
  const form = useSchemaForm(ssoStartInput, {
    defaultValues: { email: '', ...(next && next !== '/' ? { next } : {}) },
    serverError: start.error,
  });
  return (
    <form className="flex min-w-0 flex-col gap-4" noValidate onSubmit={form.handleSubmit((input) => start.mutate(input))}>
      <TextField
        label={t('sso.workEmail')}
        type="email"
        autoComplete="email"
        required
        {...form.register('email')}
        errors={form.errorsOf('email')}
      />
      <FormError error={start.error} shown={['email']} />
      <Button type="submit" variant="secondary" className="w-full" isLoading={start.isPending}>
        {t('sso.signIn')}
      </Button>
    </form>
  );
}
