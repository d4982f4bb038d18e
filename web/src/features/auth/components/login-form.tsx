import { loginInput } from '../../../../../worker/modules/auth/auth.input.ts';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useSchemaForm } from '@/lib/form';
import { t } from '@/lib/i18n';
import { type LoginResponse, useLoginUser } from '../api/login-user';

export function LoginForm({ onSuccess }: { onSuccess: (result: LoginResponse) => void }) {
  const login = useLoginUser({ onSuccess });
  const form = useSchemaForm(loginInput, { defaultValues: { email: '', password: '' }, serverError: login.error });
  return (
    <form className="flex min-w-0 flex-col gap-4" noValidate onSubmit={form.handleSubmit((values) => login.mutate(values))}>
      <TextField
        label={t('auth.email')}
        type="email"
        autoComplete="email"
        required
        {...form.register('email')}
        errors={form.errorsOf('email')}
      />
      <TextField
        label={t('auth.password')}
        type="password"
        autoComplete="current-password"
        required
        {...form.register('password')}
        errors={form.errorsOf('password')}
      />
      <FormError error={login.error} shown={['email', 'password']} />
      <Button type="submit" className="w-full" isLoading={login.isPending}>
        {t('auth.logIn')}
      </Button>
    </form>
  );
}
