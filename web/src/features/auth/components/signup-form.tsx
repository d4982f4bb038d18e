import { signupInput } from '../../../../../worker/modules/auth/auth.input.ts';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useSchemaForm } from '@/lib/form';
import { t } from '@/lib/i18n';
import { useSignupUser } from '../api/signup-user';

export function SignupForm({ onSuccess }: { onSuccess: () => void }) {
  const signup = useSignupUser({ onSuccess });
  const form = useSchemaForm(signupInput, { defaultValues: { name: '', email: '', password: '' }, serverError: signup.error });
  return (
    <form className="flex min-w-0 flex-col gap-4" noValidate onSubmit={form.handleSubmit((values) => signup.mutate(values))}>
      <TextField label={t('auth.name')} autoComplete="name" required {...form.register('name')} errors={form.errorsOf('name')} />
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
        autoComplete="new-password"
        required
        {...form.register('password')}
        errors={form.errorsOf('password')}
      />
      <FormError error={signup.error} shown={['name', 'email', 'password']} />
      <Button type="submit" className="w-full" isLoading={signup.isPending}>
        {t('auth.signUp')}
      </Button>
    </form>
  );
}
