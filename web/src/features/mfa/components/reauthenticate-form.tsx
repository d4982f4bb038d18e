import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-error';
import { fieldErrorsOf } from '@/lib/api-client';
import { useReauthenticate } from '../api/reauthenticate';

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
        Confirm it’s you
      </h2>
      <p className="text-muted">Enter your password to change your sign-in methods for the next 10 minutes.</p>
      <form
        className="flex min-w-0 flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end sm:[&>div:has(>label)]:min-w-48 sm:[&>div:has(>label)]:flex-1"
        noValidate
        onSubmit={onSubmit}
      >
        <TextField
          label="Current password"
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          errors={fieldErrorsOf(reauthenticate.error).password}
        />
        <div className="flex flex-wrap items-center gap-2">
          <Button type="submit" isLoading={reauthenticate.isPending}>
            Confirm password
          </Button>
        </div>
      </form>
      <FormError error={reauthenticate.error} shown={['password']} />
    </section>
  );
}
