import { emailOnlyInput } from '../../../../../worker/modules/auth/auth.input.ts';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { useSchemaForm } from '@/lib/form';
import { t } from '@/lib/i18n';

interface EmailMutation {
  mutate: (email: string) => void;
  isPending: boolean;
  isSuccess: boolean;
  error: unknown;
  data?: { message: string } | undefined;
}

/**
 * One email field and a button, for the "mail me a link" requests. The answer is the same
 * whoever the address belongs to, and so is what this form shows.
 */
export function EmailRequestForm({ mutation, submitLabel }: { mutation: EmailMutation; submitLabel: string }) {
  const form = useSchemaForm(emailOnlyInput, { defaultValues: { email: '' }, serverError: mutation.error });
  if (mutation.isSuccess) {
    return (
      <p
        className="flex flex-col gap-3 rounded-lg border border-warning/40 bg-warning-soft p-3 text-sm sm:flex-row sm:items-center"
        role="status"
      >
        {mutation.data?.message ?? t('auth.checkInbox')}
      </p>
    );
  }
  return (
    <form className="flex min-w-0 flex-col gap-4" noValidate onSubmit={form.handleSubmit(({ email }) => mutation.mutate(email))}>
      <TextField
        label={t('auth.email')}
        type="email"
        autoComplete="email"
        required
        {...form.register('email')}
        errors={form.errorsOf('email')}
      />
      <FormError error={mutation.error} shown={['email']} />
      <Button type="submit" className="w-full" isLoading={mutation.isPending}>
        {submitLabel}
      </Button>
    </form>
  );
}
