import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { fieldErrorsOf } from '@/lib/api-client';

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
  const [email, setEmail] = useState('');
  const fields = fieldErrorsOf(mutation.error);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    mutation.mutate(email.trim());
  };
  if (mutation.isSuccess) {
    return (
      <p
        className="flex flex-col gap-3 rounded-lg border border-warning/40 bg-warning-soft p-3 text-sm sm:flex-row sm:items-center"
        role="status"
      >
        {mutation.data?.message ?? 'Check your inbox.'}
      </p>
    );
  }
  return (
    <form className="flex min-w-0 flex-col gap-4" noValidate onSubmit={onSubmit}>
      <TextField
        label="Email"
        type="email"
        name="email"
        autoComplete="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        errors={fields.email}
      />
      <FormError error={mutation.error} shown={['email']} />
      <Button type="submit" className="w-full" isLoading={mutation.isPending}>
        {submitLabel}
      </Button>
    </form>
  );
}
